package io.showfloor.notify;

/** One outbox row as a port sends it; {@code deliveryKey} is the same on every attempt. */
public record OutgoingMail(
    long outboxId, String to, String subject, String text, String html, String deliveryKey) {}
