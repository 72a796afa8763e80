/**
 * Where Blocksmith keeps the user's files ({@code BLOCKSMITH_HOME}, XDG folders, {@code $HOME}).
 */
package dev.blocksmith.engine.home;
