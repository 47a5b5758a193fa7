package io.botchannel.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/**
 * A Spring Boot application running the chat2desk-bot-channel routes: they and their beans come
 * from the library (camel.main.routes-include-pattern in application.properties), its defaults
 * from the library's own properties file, under this application's configuration.
 */
@SpringBootApplication
@PropertySource("classpath:chat2desk-bot-channel.properties")
public class BotChannelApplication {

    public static void main(String[] args) {
        SpringApplication.run(BotChannelApplication.class, args);
    }
}
