package dev.redrive.functions.ledger;

class InMemoryLedgerTest extends LedgerContractTest {
  @Override
  Ledger ledger() {
    return new InMemoryLedger();
  }
}
