package io.botchannel.chat2desk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The work a start must do once, counted in a runtime's log: each store pool it opens, with its
 * schema migration, writes one line ("Store opened: ..."), and so does each recovery of the
 * instance's own claims ("Inbox of instance ...").
 */
record StartWork(long storesOpenedAndMigrated, long ownClaimsRecovered) {

    private static final Pattern STORE_OPENED = Pattern.compile("Store opened: .* migrations applied now\\)");
    private static final Pattern OWN_CLAIMS =
            Pattern.compile("Inbox of instance .*: \\d+ entries in hand at the last stop");

    static StartWork in(Path log) throws IOException {
        String text = Files.readString(log);
        return new StartWork(STORE_OPENED.matcher(text).results().count(), OWN_CLAIMS.matcher(text).results().count());
    }

    /** The work of {@code starts} starts, each doing it once. */
    static StartWork ofStarts(int starts) {
        return new StartWork(starts, starts);
    }
}
