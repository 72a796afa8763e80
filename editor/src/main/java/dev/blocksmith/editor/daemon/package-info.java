/**
 * The CLI's warm background process (issue 11): {@link DaemonClient} is the launcher's tiny entry
 * point for {@code run}; it hands the command to a running {@link DaemonServer} of this user, these
 * folders and this exact build over a Unix-domain socket, or runs it in-process and starts one
 * ({@link DaemonMain}) for next time.
 */
package dev.blocksmith.editor.daemon;
