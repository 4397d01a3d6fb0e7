package io.showfloor.notify;

/** A mail ready for the outbox: rendered from {@link MailTemplates}, so it has both parts. */
public record Mail(String subject, String text, String html) {}
