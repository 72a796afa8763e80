/** Finds the installed blocks through {@link java.util.ServiceLoader}. */
package dev.blocksmith.engine.registry;
