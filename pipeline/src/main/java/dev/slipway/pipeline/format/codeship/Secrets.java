package dev.slipway.pipeline.format.codeship;

import dev.slipway.pipeline.lint.LintCode;

import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.source.Location;

/**
 * How Codeship's encrypted values become Slipway secret references. Codeship encrypted them with
 * the project's {@code codeship.aes} key, which Slipway never has, so the ciphertext is not read at
 * all: the value names a secret that the user stores in Slipway's credential broker, and the
 * executor resolves it at run time. The names are derived from where the value was written, so
 * that the same file always asks for the same secret.
 */
final class Secrets {

    /**
     * The variable name of an {@code EnvVar} that stands for every variable of its secret: a
     * Codeship encrypted file or blob holds {@code NAME=value} lines whose names Slipway cannot know
     * without decrypting it.
     */
    static final String ALL_VARIABLES = "*";

    private Secrets() {
    }

    /** The secret for an encrypted file such as {@code env.encrypted}: {@code codeship/env.encrypted}. */
    static String forFile(String path) {
        return "codeship/" + RepoPath.normalize(path);
    }

    /** The secret for an encrypted value written inline: {@code codeship/<service>/encrypted_args}. */
    static String forServiceKey(String service, String key) {
        return "codeship/" + service + "/" + key;
    }

    static Problem encryptedReference(Location location, String key, String secret, String effect) {
        return LintCode.CODESHIP_ENCRYPTED_REFERENCE.at(location,
                "`" + key + "` is read as a reference to the Slipway secret `" + secret + "`; " + effect,
                "Slipway does not have your codeship.aes key and never decrypts Codeship values. Decrypt it once with"
                        + " `jet decrypt`, store the plain text in Slipway's credential broker as the secret `" + secret + "`,"
                        + " and never commit the decrypted file");
    }
}
