/**
 * The contracts every module shares, defined once: scopes and the labels they imply, the node key,
 * engine names, latency families and sources, signal ids. A module that needs one of these names
 * takes it from here.
 */
package io.fleetpulse.schemas.contract;
