/// IT equipment ledger (社内 IT 機材管理 台帳): reading CSV in the encodings Japanese offices use, validating it with file:line:column messages, and matching observed devices to assets.
public enum LedgerModule {}
