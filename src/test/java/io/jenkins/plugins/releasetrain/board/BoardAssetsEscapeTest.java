package io.jenkins.plugins.releasetrain.board;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoardAssetsEscapeTest {

    @Test
    void dotSegmentsUnderABoardsAssetsAreAnEscape() {
        assertThat(BoardAssets.escapesAssets("/release-board/assets/../../config.xml"))
                .isTrue();
        assertThat(BoardAssets.escapesAssets("/view/board/assets/./board.js")).isTrue();
        assertThat(BoardAssets.escapesAssets("/view/my%20board/assets/x/../../y"))
                .isTrue();
        assertThat(BoardAssets.escapesAssets("/release-board/assets/%2e%2e/%2E%2e/config.xml"))
                .isTrue();
        assertThat(BoardAssets.escapesAssets("/release%2Dboard/assets/%2e")).isTrue();
    }

    @Test
    void everythingElseIsLeftToTheBoard() {
        assertThat(BoardAssets.escapesAssets("/release-board/assets/board.js")).isFalse();
        assertThat(BoardAssets.escapesAssets("/release-board/assets/..board.js"))
                .isFalse();
        assertThat(BoardAssets.escapesAssets("/job/x/../config.xml")).isFalse();
        assertThat(BoardAssets.escapesAssets("/release-board/board.json")).isFalse();
        assertThat(BoardAssets.escapesAssets("/release-board/assets/%2e%2eboard.js"))
                .isFalse();
        assertThat(BoardAssets.escapesAssets("/release-board/assets/%zz")).isFalse();
        assertThat(BoardAssets.escapesAssets(null)).isFalse();
    }
}
