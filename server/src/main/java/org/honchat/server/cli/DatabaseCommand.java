package org.honchat.server.cli;

import java.util.concurrent.Callable;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.store.Database;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** A command that opens the store named by {@code --config}/{@code --data-dir}, runs, and closes it. */
abstract class DatabaseCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandLine.Model.CommandSpec spec;

    ServerConfig config;

    @Override
    public Integer call() {
        config = common.config();
        try (Database database = Database.open(config)) {
            return run(database);
        }
    }

    abstract int run(Database database);

    java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
