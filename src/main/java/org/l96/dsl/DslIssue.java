package org.l96.dsl;

/** A mistake noticed while a script or builder runs: the spec path it concerns, what is wrong, and where (if known). */
record DslIssue(String path, String message, Origin origin) {
}
