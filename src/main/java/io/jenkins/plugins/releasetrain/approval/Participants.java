package io.jenkins.plugins.releasetrain.approval;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The people a separation-of-duties rule keeps from approving: whoever started the release (in Jenkins the
 * user who triggered the run; absent when nobody has started it yet) and the release's authors.
 */
public record Participants(Optional<Identity> requester, List<ReleaseAuthor> authors) {

    public Participants {
        Objects.requireNonNull(requester, "requester");
        authors = List.copyOf(authors);
    }

    public static Participants none() {
        return new Participants(Optional.empty(), List.of());
    }

    public static Participants startedBy(Identity requester, ReleaseAuthor... authors) {
        return new Participants(Optional.of(requester), List.of(authors));
    }

    public static Participants authoredBy(ReleaseAuthor... authors) {
        return new Participants(Optional.empty(), List.of(authors));
    }

    public Optional<ReleaseAuthor> authorshipOf(Identity person) {
        return authors.stream().filter(a -> a.is(person)).findFirst();
    }

    public boolean isRequester(Identity person) {
        return requester
                .filter(r -> r.isSamePersonAs(person) || person.isSamePersonAs(r))
                .isPresent();
    }
}
