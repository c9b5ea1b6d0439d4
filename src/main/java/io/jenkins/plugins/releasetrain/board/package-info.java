/**
 * The release board: which version of every artifact is live in every environment, drift between
 * neighbouring environments, and each environment's history with a point-in-time view; built from a
 * {@link io.jenkins.plugins.releasetrain.board.BoardInput} and written as the documented {@code board.json}
 * that the static front end in {@code src/main/resources/.../board/} renders.
 */
package io.jenkins.plugins.releasetrain.board;
