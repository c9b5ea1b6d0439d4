/** The {@code release-train} command line: the engine without Jenkins, for laptops, CI systems and demos. */
package io.jenkins.plugins.releasetrain.cli;
