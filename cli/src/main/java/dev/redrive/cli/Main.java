package dev.redrive.cli;

/** Entry point of the {@code redrive} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("redrive: under construction");
  }
}
