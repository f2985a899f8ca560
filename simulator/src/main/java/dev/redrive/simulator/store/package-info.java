/**
 * Where the simulator's state lives between runs of {@code redrive serve --data-dir DIR}: rows of
 * JSON in an embedded SQLite database, written behind the service by one writer thread in small
 * transactions. {@link StateStore#NONE} keeps nothing (no {@code --data-dir}).
 */
package dev.redrive.simulator.store;
