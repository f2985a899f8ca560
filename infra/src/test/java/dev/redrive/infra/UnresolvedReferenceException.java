package dev.redrive.infra;

/** A reference in the template that names nothing, or something absent under the conditions. */
final class UnresolvedReferenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UnresolvedReferenceException(String path, String problem) {
    super(path + ": " + problem);
  }
}
