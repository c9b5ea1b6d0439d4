package io.jenkins.plugins.releasetrain.gitops;

/** The path of a file inside a repository, as git stores it: relative, with '/' and no '.' or '..' parts. */
final class ManifestPaths {

    private ManifestPaths() {}

    static String normalize(String path) {
        if (path == null || path.isBlank()) {
            throw new ManifestNotFoundException(
                    "",
                    "",
                    "no manifest path given",
                    "give the path inside the repository, such as releases/staging.yaml");
        }
        String normalized = path.strip();
        while (normalized.startsWith("./")) {
            normalized = normalized.substring(2);
        }
        while (normalized.startsWith("/")) {
            normalized = normalized.substring(1);
        }
        if (normalized.isEmpty() || normalized.endsWith("/") || normalized.contains("\\")) {
            throw invalid(path);
        }
        for (String segment : normalized.split("/")) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw invalid(path);
            }
        }
        return normalized;
    }

    private static ManifestNotFoundException invalid(String path) {
        return new ManifestNotFoundException(
                path,
                "",
                "'" + path + "' is not a file path inside a repository",
                "write it relative to the repository root with '/' separators, such as releases/staging.yaml");
    }
}
