package org.academy.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.authentication.rememberme.JdbcTokenRepositoryImpl;
import org.springframework.security.web.authentication.rememberme.PersistentRememberMeToken;
import org.springframework.security.web.authentication.rememberme.PersistentTokenBasedRememberMeServices;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Persistent remember-me: the browser keeps a series and a token, PostgreSQL keeps the series and a
 * hash of the token. A browser whose server restarted, or whose node died behind the load balancer,
 * is logged back in by whichever node it reaches next, and reopens the screen it was on (the URL is
 * the route; views rebuild from the database). Only hashes are stored, like invitation links, so a
 * copy of the table logs nobody in. The token changes on every use: a stolen cookie that is used
 * makes the owner's next visit fail the comparison, which removes the whole series.
 */
@Configuration(proxyBeanMethods = false)
class RememberMe {

    static final String COOKIE = "remember-me";

    @Bean
    PersistentTokenRepository rememberMeTokens(DataSource dataSource) {
        return new HashingTokenRepository(dataSource);
    }

    @Bean
    PersistentTokenBasedRememberMeServices rememberMeServices(
            UserDetailsService users, PersistentTokenRepository tokens,
            @Value("${academy.security.remember-me.key:}") String key,
            @Value("${academy.security.remember-me.validity:30d}") Duration validity,
            @Value("${academy.security.secure-cookie:false}") boolean secureCookie) {
        // The key only ties the authentication to this application's provider; the credential is the
        // stored series, so a per-process random key works on every node.
        String effectiveKey = key.isBlank() ? java.util.UUID.randomUUID().toString() : key;
        PersistentTokenBasedRememberMeServices services = new HashedTokenRememberMeServices(effectiveKey, users, tokens);
        services.setCookieName(COOKIE);
        // Everyone is remembered: a restart or a failover must not send a room of learners to the login form.
        services.setAlwaysRemember(true);
        services.setTokenValiditySeconds((int) validity.toSeconds());
        services.setUseSecureCookie(secureCookie);
        return services;
    }

    /** A person's sessions were ended (deactivated, new roles, password reset): their devices are forgotten too. */
    @Bean
    RememberedDevices rememberedDevices(JdbcClient jdbc) {
        return new RememberedDevices(jdbc);
    }

    static final class RememberedDevices {
        private final JdbcClient jdbc;

        RememberedDevices(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @EventListener
        void forget(AccountSessionsEnded ended) {
            jdbc.sql("delete from persistent_logins where lower(username) = (select lower(email) from app_user where id = ?)")
                    .param(ended.userId()).update();
        }
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares the hash of the presented token with the stored hash. */
    private static final class HashedTokenRememberMeServices extends PersistentTokenBasedRememberMeServices {
        HashedTokenRememberMeServices(String key, UserDetailsService users, PersistentTokenRepository tokens) {
            super(key, users, tokens);
        }

        @Override
        protected UserDetails processAutoLoginCookie(String[] cookieTokens, HttpServletRequest request,
                                                     HttpServletResponse response) {
            if (cookieTokens.length == 2) {
                cookieTokens = new String[]{cookieTokens[0], hash(cookieTokens[1])};
            }
            return super.processAutoLoginCookie(cookieTokens, request, response);
        }
    }

    /** Stores the hash of every token value it is given; the raw value only ever lives in the cookie. */
    private static final class HashingTokenRepository implements PersistentTokenRepository {
        private final JdbcTokenRepositoryImpl delegate = new JdbcTokenRepositoryImpl();

        HashingTokenRepository(DataSource dataSource) {
            delegate.setDataSource(dataSource);
            delegate.afterPropertiesSet();
        }

        @Override
        public void createNewToken(PersistentRememberMeToken token) {
            delegate.createNewToken(new PersistentRememberMeToken(token.getUsername(), token.getSeries(),
                    hash(token.getTokenValue()), token.getDate()));
        }

        @Override
        public void updateToken(String series, String tokenValue, Date lastUsed) {
            delegate.updateToken(series, hash(tokenValue), lastUsed);
        }

        @Override
        public PersistentRememberMeToken getTokenForSeries(String seriesId) {
            return delegate.getTokenForSeries(seriesId);
        }

        @Override
        public void removeUserTokens(String username) {
            delegate.removeUserTokens(username);
        }
    }
}
