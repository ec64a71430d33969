/** The UI-free core of Chorus: agents, sessions, runs and the backend contract. */
package dev.chorus.core;
