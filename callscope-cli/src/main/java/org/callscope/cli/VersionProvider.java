package org.callscope.cli;

import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = CallScopeCommand.class.getPackage().getImplementationVersion();
        return new String[] {"callscope " + (version == null ? "development build" : version)};
    }
}
