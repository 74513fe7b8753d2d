namespace EDoc.Registers.Storage.Internal;

/// <summary>The schema, written once with placeholders for the types that differ between databases.</summary>
internal static class SqlSchema
{
    /// <summary>Version 1. Placeholders: {ID} identity primary key, {DATE}, {INSTANT}, {BOOL}.</summary>
    public const string V1 = """
        CREATE TABLE counters (
            sequence_key TEXT NOT NULL,
            year INTEGER NOT NULL,
            last_number INTEGER NOT NULL,
            PRIMARY KEY (sequence_key, year)
        );
        CREATE TABLE outgoing_entries (
            id {ID},
            register_id TEXT NOT NULL,
            sequence_group TEXT NOT NULL,
            year INTEGER NOT NULL,
            number INTEGER NOT NULL,
            notation TEXT NOT NULL,
            doc_date {DATE} NOT NULL,
            type_abbr TEXT NULL,
            type_name TEXT NULL,
            subject TEXT NOT NULL,
            issuer TEXT NOT NULL,
            unit TEXT NULL,
            category INTEGER NOT NULL,
            is_secret {BOOL} NOT NULL,
            advisory_body TEXT NULL,
            signer TEXT NULL,
            recipients TEXT NULL,
            file_copy_holder TEXT NULL,
            copy_count INTEGER NULL,
            transfer_date {DATE} NULL,
            acknowledgement TEXT NULL,
            notes TEXT NULL,
            priority INTEGER NOT NULL,
            form INTEGER NOT NULL,
            method TEXT NULL,
            due_date {DATE} NULL,
            status INTEGER NOT NULL DEFAULT 0,
            status_changed_at {INSTANT} NULL,
            status_changed_by TEXT NULL,
            status_reason TEXT NULL,
            registered_at {INSTANT} NOT NULL,
            CONSTRAINT uq_outgoing_sequence_number UNIQUE (register_id, sequence_group, year, number),
            CONSTRAINT uq_outgoing_issuer_notation UNIQUE (issuer, year, notation)
        );
        CREATE TABLE incoming_entries (
            id {ID},
            register_id TEXT NOT NULL,
            year INTEGER NOT NULL,
            arrival_number INTEGER NOT NULL,
            arrived_at {INSTANT} NOT NULL,
            sender_code TEXT NOT NULL,
            sender_name TEXT NOT NULL,
            document_number TEXT NOT NULL,
            document_date {DATE} NOT NULL,
            document_year INTEGER NOT NULL,
            type_name TEXT NULL,
            subject TEXT NOT NULL,
            recipient_unit TEXT NULL,
            transfer_date {DATE} NULL,
            acknowledgement TEXT NULL,
            notes TEXT NULL,
            priority INTEGER NOT NULL,
            form INTEGER NOT NULL,
            method TEXT NULL,
            due_date {DATE} NULL,
            progress TEXT NULL,
            reply_notation TEXT NULL,
            handled_date {DATE} NULL,
            status INTEGER NOT NULL DEFAULT 0,
            status_changed_at {INSTANT} NULL,
            status_changed_by TEXT NULL,
            status_reason TEXT NULL,
            registered_at {INSTANT} NOT NULL,
            CONSTRAINT uq_incoming_arrival_number UNIQUE (register_id, year, arrival_number),
            CONSTRAINT uq_incoming_sender_document UNIQUE (register_id, sender_code, document_number, document_year)
        );
        CREATE TABLE status_changes (
            id {ID},
            book INTEGER NOT NULL,
            entry_id BIGINT NOT NULL,
            status INTEGER NOT NULL,
            actor TEXT NOT NULL,
            changed_at {INSTANT} NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE INDEX ix_status_changes_entry ON status_changes (book, entry_id);
        CREATE INDEX ix_outgoing_year ON outgoing_entries (year, register_id);
        CREATE INDEX ix_incoming_year ON incoming_entries (year, register_id);
        """;

    /// <summary>
    /// Version 2: the secrecy level (độ mật, <c>Secrecy</c> as its number; <c>priority</c> keeps the edXML urgency code)
    /// on both books, and the person handling an incoming document (người giải quyết) for the per-person overdue list.
    /// Existing rows get secrecy 0 (or 1 where <c>is_secret</c> was set) and no handler.
    /// </summary>
    public const string V2 = """
        ALTER TABLE outgoing_entries ADD COLUMN secrecy INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE incoming_entries ADD COLUMN secrecy INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE incoming_entries ADD COLUMN handler TEXT NULL;
        UPDATE outgoing_entries SET secrecy = 1 WHERE is_secret = {TRUE};
        CREATE INDEX ix_incoming_due ON incoming_entries (due_date);
        """;

    public static IReadOnlyList<string> Build(string id, string date, string instant, string boolean, string trueLiteral)
        => [V1.Replace("{ID}", id, StringComparison.Ordinal)
              .Replace("{DATE}", date, StringComparison.Ordinal)
              .Replace("{INSTANT}", instant, StringComparison.Ordinal)
              .Replace("{BOOL}", boolean, StringComparison.Ordinal),
            V2.Replace("{TRUE}", trueLiteral, StringComparison.Ordinal)];
}
