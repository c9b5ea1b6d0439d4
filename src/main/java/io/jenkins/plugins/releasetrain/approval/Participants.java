package io.jenkins.plugins.releasetrain.approval;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The people a separation-of-duties rule keeps from approving: whoever started the release (in Jenkins the
 * user who triggered the run; absent when nobody has started it yet) and the release's authors.
 *
 * @param authorsUnknown why the authors could not be determined (no change of the manifest, no history to
 *     read); empty when {@code authors} is the whole list, even an empty one
 */
public record Participants(Optional<Identity> requester, List<ReleaseAuthor> authors, Optional<String> authorsUnknown) {

    public Participants {
        Objects.requireNonNull(requester, "requester");
        authors = List.copyOf(authors);
        Objects.requireNonNull(authorsUnknown, "authorsUnknown");
    }

    /** Participants whose authors are known (the list may be empty: nobody changed the manifest). */
    public Participants(Optional<Identity> requester, List<ReleaseAuthor> authors) {
        this(requester, authors, Optional.empty());
    }

    /** The same people, except that who wrote the release could not be determined, and why. */
    public Participants withAuthorsUnknown(String reason) {
        return new Participants(requester, authors, Optional.of(reason));
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
        return isRequester(person, NameKeys.CASE_INSENSITIVE);
    }

    /** Whether {@code person} started the release: the same user id, compared as {@code names} does. */
    public boolean isRequester(Identity person, NameKeys names) {
        return requester.filter(r -> names.sameUser(r.user(), person.user())).isPresent();
    }
}
