package io.jenkins.plugins.releasetrain.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The bodies a webhook receives: a CloudEvents 1.0 structured event, or a Slack incoming-webhook message. */
public final class WebhookPayloads {

    /** The CloudEvents {@code source}: who sends the events. */
    public static final String SOURCE = "urn:release-train";

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookPayloads() {}

    public static byte[] body(Webhook.Format format, ReleaseEvent event) {
        return switch (format) {
            case CLOUDEVENTS -> json(cloudEvent(event));
            case SLACK -> json(Map.of("text", slackText(event)));
        };
    }

    public static String contentType(Webhook.Format format) {
        return switch (format) {
            case CLOUDEVENTS -> "application/cloudevents+json; charset=utf-8";
            case SLACK -> "application/json; charset=utf-8";
        };
    }

    /** The event in CloudEvents 1.0 structured mode: the context attributes, and the release in {@code data}. */
    static Map<String, Object> cloudEvent(ReleaseEvent event) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("specversion", "1.0");
        map.put("id", event.id());
        map.put("source", SOURCE);
        map.put("type", event.type().cloudEventType());
        map.put("subject", event.environment());
        map.put("time", event.time().toString());
        map.put("datacontenttype", "application/json");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("event", event.type().label());
        data.put("environment", event.environment());
        data.put("releaseId", event.releaseId());
        data.put("runId", event.runId().orElse(null));
        data.put("summary", event.summary());
        data.put("link", event.link().orElse(null));
        data.put("details", event.details());
        map.put("data", data);
        return map;
    }

    /**
     * The summary, with the link in Slack's {@code <url|text>} form. Slack reads {@code &}, {@code <} and {@code >}
     * as markup, so they are escaped in what the release's data put into the text.
     */
    static String slackText(ReleaseEvent event) {
        String text = escape(event.summary());
        return event.link().map(url -> text + " <" + escape(url) + "|open>").orElse(text);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings always serialize", e);
        }
    }
}
