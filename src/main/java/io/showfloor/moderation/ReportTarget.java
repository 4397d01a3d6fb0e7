package io.showfloor.moderation;

/**
 * A reportable thing as found in its own domain's table: whose it is and, for chat, which show it
 * is in.
 */
record ReportTarget(TargetType type, String id, long subjectUserId, Long showId) {}
