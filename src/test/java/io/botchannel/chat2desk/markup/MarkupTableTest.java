package io.botchannel.chat2desk.markup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The transport table: shipped defaults, configuration from properties, and styles added later. */
class MarkupTableTest {

    static final List<String> WHATSAPP_TRANSPORTS = List.of("whatsapp", "wa_cm", "wa_infobip", "wa_dialog",
            "wa_clickatell", "wa_tr", "wa_wavy", "wa_botmaker");
    static final List<String> VIBER_TRANSPORTS = List.of("viber", "viber_public", "viber_business", "viber_tr",
            "viber_infobip");

    @Test
    void shippedTableMapsEveryWhatsAppAndViberTransportAndNothingElse() throws IOException {
        Properties shipped = new Properties();
        try (InputStream in = getClass().getResourceAsStream(MarkupTranslator.DEFAULTS_RESOURCE)) {
            shipped.load(in);
        }
        Map<String, String> expected = new TreeMap<>(Stream.concat(WHATSAPP_TRANSPORTS.stream(),
                        VIBER_TRANSPORTS.stream())
                .collect(Collectors.toMap(t -> MarkupTranslator.TRANSPORT_PREFIX + t, t -> "whatsapp")));
        expected.put(MarkupTranslator.DEFAULT_KEY, "plain");
        Map<String, Object> markupKeys = new TreeMap<>();
        shipped.forEach((key, value) -> {
            if (String.valueOf(key).startsWith("markup.")) {
                markupKeys.put(String.valueOf(key), String.valueOf(value).trim());
            }
        });
        assertThat(markupKeys).isEqualTo(expected);

        MarkupTranslator defaults = MarkupTranslator.fromDefaults();
        assertThat(defaults.table()).hasSize(13).containsOnlyKeys(Stream.concat(WHATSAPP_TRANSPORTS.stream(),
                VIBER_TRANSPORTS.stream()).toList());
        assertThat(defaults.defaultStyle()).isEqualTo("plain");
    }

    @Test
    void everyOtherKnownTransportGetsPlainText() {
        MarkupTranslator defaults = MarkupTranslator.fromDefaults();
        for (String transport : List.of("telegram", "tg_user", "widget", "facebook", "vk", "vkontakte",
                "insta_direct", "ok", "skype", "email", "sms", "sms_infobip", "wechat", "external", "system")) {
            assertThat(defaults.styleName(transport)).as(transport).isEqualTo("plain");
        }
    }

    @Test
    void propertiesMapAnyTransportToAStyle() {
        Properties properties = new Properties();
        properties.setProperty("markup.transport.Telegram", "WhatsApp");
        properties.setProperty("markup.transport.viber", "plain");
        properties.setProperty("markup.default", " whatsapp ");
        properties.setProperty("camel.main.name", "ignored");
        MarkupTranslator translator = MarkupTranslator.fromProperties(properties);

        assertThat(translator.table()).isEqualTo(Map.of("telegram", "whatsapp", "viber", "plain"));
        assertThat(translator.translate("*x*", "telegram")).isEqualTo("_x_");
        assertThat(translator.translate("*x*", "viber")).isEqualTo("x");
        assertThat(translator.translate("*x*", "sms")).isEqualTo("_x_");
    }

    @Test
    void withoutADefaultEverythingUnlistedIsPlain() {
        MarkupTranslator translator = MarkupTranslator.fromProperties(new Properties());
        assertThat(translator.defaultStyle()).isEqualTo("plain");
        assertThat(translator.translate("__x__", "whatsapp")).isEqualTo("x");
        assertThat(new MarkupTranslator(Map.of(), null).translate("__x__", "whatsapp")).isEqualTo("x");
    }

    @Test
    void constructorTakesTheTableAndTheDefault() {
        MarkupTranslator translator = new MarkupTranslator(Map.of("wa_dialog", "whatsapp"), "plain");
        assertThat(translator.translate("__x__", "wa_dialog")).isEqualTo("*x*");
        assertThat(translator.translate("__x__", "whatsapp")).isEqualTo("x");
    }

    @Test
    void aStyleCanBeAddedByName() {
        MarkupStyle shouting = message -> MarkupTranslator.fromProperties(new Properties())
                .translate(Inline.source(message), null).toUpperCase();
        Properties properties = new Properties();
        properties.setProperty("markup.transport.widget", "shouting");
        MarkupTranslator translator = MarkupTranslator.fromProperties(properties, Map.of("shouting", shouting));
        assertThat(translator.translate("*hi* there", "widget")).isEqualTo("HI THERE");
        assertThat(translator.translate("*hi* there", "sms")).isEqualTo("hi there");
    }

    @Test
    void aTypoInTheTableStopsTheStart() {
        Properties properties = new Properties();
        properties.setProperty("markup.transport.whatsapp", "whatsap");
        assertThatThrownBy(() -> MarkupTranslator.fromProperties(properties))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whatsap").hasMessageContaining("[plain, whatsapp]");
        assertThatThrownBy(() -> new MarkupTranslator(Map.of(), "html"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("html");
        assertThatThrownBy(() -> new MarkupTranslator(Map.of("sms", " "), "plain"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
