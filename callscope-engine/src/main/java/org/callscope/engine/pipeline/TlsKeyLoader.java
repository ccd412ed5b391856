package org.callscope.engine.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.function.Consumer;
import org.callscope.engine.config.ConfigException;
import org.callscope.engine.config.TlsConfig;
import org.callscope.engine.tls.keys.KeyFileException;
import org.callscope.engine.tls.keys.KeyLogFiles;
import org.callscope.engine.tls.keys.PemPrivateKeys;
import org.callscope.engine.tls.session.TlsKeySources;

/**
 * Reads the key files a {@link TlsConfig} names: server RSA keys and key logs. A key file that
 * cannot be used stops the run with a message naming it (better than a capture silently not
 * decrypting); a bad line inside a key log is a warning.
 */
public final class TlsKeyLoader {
    private TlsKeyLoader() {
    }

    public static TlsKeySources load(TlsConfig config, Consumer<String> warnings) throws ConfigException {
        TlsKeySources sources = TlsKeySources.empty();
        for (TlsConfig.ServerKeyFile k : config.serverKeys()) {
            PrivateKey key;
            try {
                key = PemPrivateKeys.readRsa(k.file(), k.password() == null ? null : k.password().toCharArray());
            } catch (KeyFileException | IOException e) {
                throw new ConfigException(k.where() + ": " + e.getMessage());
            }
            sources.serverKeys().add(k.ip(), k.port(), key);
        }
        for (Path file : config.keyLogFiles()) {
            try {
                KeyLogFiles.load(file, sources.sessionKeys(), warnings);
            } catch (IOException e) {
                throw new ConfigException("key log " + e.getMessage());
            }
        }
        return sources;
    }
}
