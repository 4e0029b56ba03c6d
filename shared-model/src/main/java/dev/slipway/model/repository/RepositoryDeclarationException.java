package dev.slipway.model.repository;

/** The repositories file cannot be read; the message names the file and, where it can, the entry. */
public class RepositoryDeclarationException extends RuntimeException {

    public RepositoryDeclarationException(String message) {
        super(message);
    }

    public RepositoryDeclarationException(String message, Throwable cause) {
        super(message, cause);
    }
}
