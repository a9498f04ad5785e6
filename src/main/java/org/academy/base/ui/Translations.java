package org.academy.base.ui;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.vaadin.flow.i18n.I18NProvider;

/**
 * Text of the learner's and participant's screens in English and German, from the bundles
 * {@code i18n/messages*.properties}. Vaadin gives each new session the first of these locales that
 * the browser's languages ask for (English otherwise), and views read text with
 * {@code getTranslation(key, args…)}. Arguments are formatted by {@link MessageFormat} in the
 * session's locale, so numbers and dates follow it. Staff and admin screens are not translated yet.
 */
@Component
class Translations implements I18NProvider {

    private static final Logger log = LoggerFactory.getLogger(Translations.class);
    private static final String BUNDLE = "i18n.messages";
    private static final List<Locale> LOCALES = List.of(Locale.ENGLISH, Locale.GERMAN);
    // English is the base bundle: never fall back to the server's own default locale.
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    @Override
    public List<Locale> getProvidedLocales() {
        return LOCALES;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        Locale l = locale == null ? Locale.ENGLISH : locale;
        try {
            String pattern = ResourceBundle.getBundle(BUNDLE, l, NO_FALLBACK).getString(key);
            return params.length == 0 ? pattern.replace("''", "'") : new MessageFormat(pattern, l).format(params);
        } catch (MissingResourceException e) {
            log.warn("No text for {} in {}", key, l);
            return key;
        }
    }
}
