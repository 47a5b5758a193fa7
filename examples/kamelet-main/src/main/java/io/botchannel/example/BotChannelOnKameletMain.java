package io.botchannel.example;

import org.apache.camel.main.KameletMain;

/** The bundle's routes on KameletMain, the engine of camel run, with this application's properties. */
public final class BotChannelOnKameletMain {

    private static final String NAME = "chat2desk-bot-channel";

    private BotChannelOnKameletMain() {
    }

    public static void main(String[] args) throws Exception {
        create().run(args);
    }

    /**
     * KameletMain as camel run starts it, with nothing to download: what the routes need, the Kamelet
     * catalog of this Camel version among it, is a dependency of this project.
     */
    static KameletMain create() {
        KameletMain main = new KameletMain(NAME);
        main.setDownload(false);
        main.addInitialProperty(NAME + ".kameletsVersion", "4.18.0");
        return main;
    }
}
