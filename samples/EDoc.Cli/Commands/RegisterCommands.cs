using System.CommandLine;
using System.Globalization;
using EDoc.Registers;
using EDoc.Registers.Reports;
using EDoc.Registers.Storage;
using EDoc.Time;

namespace EDoc.Cli.Commands;

/// <summary>
/// <c>edoc register issue|receive|list|void|recall</c> and <c>edoc report semiannual|overdue</c>: the outgoing and
/// incoming registers of NĐ 30/2020 in a SQLite file or a PostgreSQL database (<c>--store</c>).
/// </summary>
internal static class RegisterCommands
{
    private const string StoreHelp = "The register store: a SQLite file path or connection string (Data Source=…), or a PostgreSQL connection string (Host=…).";

    public static Command CreateRegister(CliContext context)
    {
        var register = new Command("register", "Outgoing and incoming document registers (sổ đăng ký văn bản đi, đến) with gap-free numbering.");
        register.Subcommands.Add(Issue(context));
        register.Subcommands.Add(Receive(context));
        register.Subcommands.Add(List(context));
        register.Subcommands.Add(StatusChange(context, "void", RegisterEntryStatus.Voided, "Void a number (hủy số): the entry stays in the register, marked voided, with who, when and why."));
        register.Subcommands.Add(StatusChange(context, "recall", RegisterEntryStatus.Recalled, "Record a recall (thu hồi): the entry stays in the register, marked recalled, with who, when and why."));
        return register;
    }

    public static Command CreateReport(CliContext context)
    {
        var report = new Command("report", "The regulation's reports computed from the registers.");
        report.Subcommands.Add(Report(context, "semiannual", "Six-monthly report: rates of electronic sending and receiving by form, type and method."));
        report.Subcommands.Add(Report(context, "overdue", "Overdue-rate report per unit; units with more than 50% overdue are flagged."));
        return report;
    }

    private static Option<string> StoreOption() => new("--store") { Description = StoreHelp, Required = true };

    private static Option<bool> JsonOption() => new("--json") { Description = "Print one JSON document on standard output." };

    private static Command Issue(CliContext context)
    {
        var store = StoreOption();
        var book = new Option<string>("--book") { Description = "The register book (only outgoing issues numbers).", DefaultValueFactory = _ => "outgoing" };
        book.AcceptOnlyFromAmong("outgoing");
        var type = new Option<string>("--type") { Description = "Type abbreviation (QĐ, TB, KH, …; CV for a công văn, whose notation has no type).", Required = true };
        var issuer = new Option<string>("--issuer") { Description = "Issuing agency abbreviation (UBND, BNV, …).", Required = true };
        var unit = new Option<string?>("--unit") { Description = "Drafting unit or field abbreviation (VP, VX, …)." };
        var date = new Option<string?>("--date") { Description = "Document date YYYY-MM-DD (default: today in Vietnam)." };
        var subject = new Option<string?>("--subject") { Description = "The abstract (trích yếu)." };
        var typeName = new Option<string?>("--type-name") { Description = "The type name shown in the register (Quyết định, …)." };
        var legal = new Option<bool>("--legal") { Description = "A legal normative document: own sequence per type, notation with the year." };
        var secret = new Option<bool>("--secret") { Description = "A secret document (Mật): own sequence; the notation ends with -M." };
        var advisory = new Option<string?>("--advisory-body") { Description = "Advisory body abbreviation (own sequence)." };
        var registerId = new Option<string?>("--register") { Description = "The register id (default: default)." };
        var signer = new Option<string?>("--signer") { Description = "The signer (người ký)." };
        var recipients = new Option<string?>("--recipients") { Description = "The recipients (nơi nhận)." };
        var form = FormOption();
        var method = new Option<string?>("--method") { Description = "Sending method (Trục liên thông, Thư điện tử, Bưu chính, …)." };
        var json = JsonOption();
        var command = new Command("issue", "Issue an outgoing document: assign its number and notation and register it, in one transaction.")
        {
            store, book, type, issuer, unit, date, subject, typeName, legal, secret, advisory, registerId, signer, recipients, form, method, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = new OutgoingIssueRequest
            {
                TypeAbbreviation = parse.GetValue(type),
                TypeName = parse.GetValue(typeName),
                IssuerAbbreviation = parse.GetValue(issuer)!,
                UnitAbbreviation = parse.GetValue(unit),
                Date = ParseDate(parse.GetValue(date), "--date"),
                Subject = parse.GetValue(subject) ?? string.Empty,
                Category = parse.GetValue(legal) ? DocumentCategory.LegalNormative : DocumentCategory.Administrative,
                Secrecy = parse.GetValue(secret) ? EDoc.Documents.Secrecy.Confidential : EDoc.Documents.Secrecy.None,
                AdvisoryBody = parse.GetValue(advisory),
                RegisterId = parse.GetValue(registerId),
                Signer = parse.GetValue(signer),
                Recipients = parse.GetValue(recipients),
                Form = ParseForm(parse.GetValue(form)),
                Method = parse.GetValue(method),
            };
            return await WithRegisterAsync(context, parse.GetValue(store)!, async register =>
            {
                var entry = await register.IssueAsync(request, cancellationToken);
                if (parse.GetValue(json))
                {
                    context.WriteJson(new
                    {
                        entry.Id, entry.Number, entry.NumberText, entry.Notation, Date = Iso(entry.Date), entry.Year, entry.Sequence, Register = entry.RegisterId,
                    });
                }
                else
                {
                    context.Out.WriteLine($"number: {entry.NumberText}");
                    context.Out.WriteLine($"notation: {entry.Notation}");
                    context.Out.WriteLine($"date: {Iso(entry.Date)}");
                }

                return CliApp.ExitOk;
            });
        });
        return command;
    }

    private static Command Receive(CliContext context)
    {
        var store = StoreOption();
        var from = new Option<string>("--from") { Description = "The sender's agency code (mã định danh, e.g. 000.00.00.H41).", Required = true };
        var senderName = new Option<string?>("--from-name") { Description = "The sender's name (tác giả)." };
        var number = new Option<string>("--number") { Description = "The document's number and notation as printed (15/QĐ-BNV).", Required = true };
        var date = new Option<string>("--date") { Description = "The document date YYYY-MM-DD.", Required = true };
        var subject = new Option<string>("--subject") { Description = "The abstract (trích yếu).", Required = true };
        var typeName = new Option<string?>("--type-name") { Description = "The type name (Quyết định, Công văn, …)." };
        var unit = new Option<string?>("--unit") { Description = "Unit or person it is routed to." };
        var due = new Option<string?>("--due") { Description = "Handling deadline YYYY-MM-DD." };
        var handler = new Option<string?>("--handler") { Description = "The person in charge of handling it (người giải quyết)." };
        var urgency = new Option<string?>("--urgency") { Description = "normal (default), urgent (Khẩn), very-urgent (Thượng khẩn) or flash (Hỏa tốc)." };
        urgency.AcceptOnlyFromAmong("normal", "urgent", "very-urgent", "flash");
        var registerId = new Option<string?>("--register") { Description = "The register id (default: default)." };
        var form = FormOption();
        var method = new Option<string?>("--method") { Description = "Receiving method (Trục liên thông, Bưu chính, …)." };
        var json = JsonOption();
        var command = new Command("receive", "Register an incoming document and assign its arrival number (số đến).")
        {
            store, from, senderName, number, date, subject, typeName, unit, due, handler, urgency, registerId, form, method, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = new IncomingReceiveRequest
            {
                SenderCode = parse.GetValue(from)!,
                SenderName = parse.GetValue(senderName),
                DocumentNumber = parse.GetValue(number)!,
                DocumentDate = ParseDate(parse.GetValue(date), "--date")!.Value,
                Subject = parse.GetValue(subject)!,
                TypeName = parse.GetValue(typeName),
                RecipientUnit = parse.GetValue(unit),
                Handler = parse.GetValue(handler),
                Urgency = parse.GetValue(urgency) switch
                {
                    "urgent" => EDoc.Documents.Urgency.Urgent,
                    "very-urgent" => EDoc.Documents.Urgency.VeryUrgent,
                    "flash" => EDoc.Documents.Urgency.Flash,
                    _ => EDoc.Documents.Urgency.Normal,
                },
                DueDate = ParseDate(parse.GetValue(due), "--due"),
                RegisterId = parse.GetValue(registerId),
                Form = ParseForm(parse.GetValue(form)),
                Method = parse.GetValue(method),
            };
            return await WithRegisterAsync(context, parse.GetValue(store)!, async register =>
            {
                var entry = await register.ReceiveAsync(request, cancellationToken);
                if (parse.GetValue(json))
                {
                    context.WriteJson(new
                    {
                        entry.Id, entry.ArrivalNumber, entry.ArrivalNumberText, ArrivalDate = Iso(entry.ArrivalDate),
                        ArrivedAt = VietnamTime.ToIso8601(entry.ArrivedAt), entry.Year, Register = entry.RegisterId,
                    });
                }
                else
                {
                    context.Out.WriteLine($"arrival-number: {entry.ArrivalNumberText}");
                    context.Out.WriteLine($"arrival-date: {Iso(entry.ArrivalDate)}");
                }

                return CliApp.ExitOk;
            });
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var store = StoreOption();
        var book = new Option<string>("--book") { Description = "outgoing, incoming, or followup (the follow-up columns of the incoming register).", Required = true };
        book.AcceptOnlyFromAmong("outgoing", "incoming", "followup");
        var year = new Option<int>("--year") { Description = "The year.", Required = true };
        var registerId = new Option<string?>("--register") { Description = "Only this register (default: all)." };
        var csv = new Option<string?>("--csv") { Description = "Write CSV (UTF-8 with BOM) to this file." };
        var xlsx = new Option<string?>("--xlsx") { Description = "Write an Excel workbook to this file." };
        var pdf = new Option<string?>("--pdf") { Description = "Write the printable register (PDF, all columns) to this file." };
        var json = JsonOption();
        var command = new Command("list", "List a register of a year with all its columns; voided and recalled entries included.")
        {
            store, book, year, registerId, csv, xlsx, pdf, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var which = parse.GetValue(book)!;
            var y = ParseYear(parse.GetValue(year));
            var output = SingleOutput(parse.GetValue(csv), parse.GetValue(xlsx), parse.GetValue(pdf), parse.GetValue(json));
            return await WithRegisterAsync(context, parse.GetValue(store)!, async register =>
            {
                ReportTable table;
                object entries;
                if (which == "outgoing")
                {
                    var list = await register.Store.ListOutgoingAsync(y, parse.GetValue(registerId), cancellationToken);
                    table = RegisterTables.Outgoing(list, y);
                    entries = list;
                }
                else
                {
                    var list = await register.Store.ListIncomingAsync(y, parse.GetValue(registerId), cancellationToken);
                    table = which == "incoming" ? RegisterTables.Incoming(list, y) : RegisterTables.FollowUp(list, y);
                    entries = list;
                }

                if (output.Kind == "json")
                {
                    context.WriteJson(entries);
                    return CliApp.ExitOk;
                }

                return await WriteOutputAsync(context, table, output, which, cancellationToken);
            }, mustExist: true);
        });
        return command;
    }

    private static Command StatusChange(CliContext context, string name, RegisterEntryStatus status, string description)
    {
        var store = StoreOption();
        var book = new Option<string>("--book") { Description = "outgoing or incoming.", Required = true };
        book.AcceptOnlyFromAmong("outgoing", "incoming");
        var year = new Option<int>("--year") { Description = "The numbering year.", Required = true };
        var notation = new Option<string?>("--notation") { Description = "Outgoing: the number and notation (05/QĐ-UBND)." };
        var number = new Option<int?>("--number") { Description = "Incoming: the arrival number." };
        var registerId = new Option<string?>("--register") { Description = "The register id (default: default)." };
        var by = new Option<string>("--by") { Description = "Who does it.", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why.", Required = true };
        var json = JsonOption();
        var command = new Command(name, description) { store, book, year, notation, number, registerId, by, reason, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var outgoing = parse.GetValue(book) == "outgoing";
            var y = ParseYear(parse.GetValue(year));
            if (outgoing && string.IsNullOrWhiteSpace(parse.GetValue(notation)))
            {
                throw new CliUsageException("--notation is required with --book outgoing.");
            }

            if (!outgoing && parse.GetValue(number) is null)
            {
                throw new CliUsageException("--number is required with --book incoming.");
            }

            return await WithRegisterAsync(context, parse.GetValue(store)!, async register =>
            {
                long id;
                var registerName = parse.GetValue(registerId) ?? "default";
                if (outgoing)
                {
                    var wanted = parse.GetValue(notation)!.Trim();
                    var entry = (await register.Store.ListOutgoingAsync(y, registerName, cancellationToken))
                        .FirstOrDefault(e => string.Equals(e.Notation, wanted, StringComparison.Ordinal));
                    if (entry is null)
                    {
                        return context.Fail(null, $"no outgoing entry '{wanted}' in register '{registerName}' for {y}.");
                    }

                    id = entry.Id;
                }
                else
                {
                    var wanted = parse.GetValue(number)!.Value;
                    var entry = (await register.Store.ListIncomingAsync(y, registerName, cancellationToken)).FirstOrDefault(e => e.ArrivalNumber == wanted);
                    if (entry is null)
                    {
                        return context.Fail(null, $"no incoming entry with arrival number {wanted} in register '{registerName}' for {y}.");
                    }

                    id = entry.Id;
                }

                var bookValue = outgoing ? RegisterBook.Outgoing : RegisterBook.Incoming;
                var change = status == RegisterEntryStatus.Voided
                    ? await register.VoidAsync(bookValue, id, parse.GetValue(by)!, parse.GetValue(reason)!, cancellationToken)
                    : await register.RecallAsync(bookValue, id, parse.GetValue(by)!, parse.GetValue(reason)!, cancellationToken);
                if (parse.GetValue(json))
                {
                    context.WriteJson(new { change.Book, change.EntryId, change.Status, change.Actor, At = VietnamTime.ToIso8601(change.At), change.Reason });
                }
                else
                {
                    context.Out.WriteLine($"{change.Status.ToString().ToLowerInvariant()}: entry {change.EntryId} by {change.Actor} at {VietnamTime.ToIso8601(change.At)}");
                }

                return CliApp.ExitOk;
            }, mustExist: true);
        });
        return command;
    }

    private static Command Report(CliContext context, string name, string description)
    {
        var store = StoreOption();
        var year = new Option<int>("--year") { Description = "The year.", Required = true };
        var half = new Option<int?>("--half") { Description = "1 (January–June) or 2 (July–December); default: the whole year." };
        var asOf = new Option<string?>("--as-of") { Description = "Overdue report: judge open documents on this date YYYY-MM-DD (default: the end of the period or today, whichever is earlier)." };
        var registerId = new Option<string?>("--register") { Description = "Only this register (default: all)." };
        var csv = new Option<string?>("--csv") { Description = "Write CSV (UTF-8 with BOM) to this file." };
        var xlsx = new Option<string?>("--xlsx") { Description = "Write an Excel workbook to this file." };
        var json = JsonOption();
        var handlingDays = new Option<int?>("--handling-days") { Description = "Overdue report: documents with no recorded deadline are due this many working days after arrival (Vietnamese working-day calendar); urgent ones are due at once." };
        var list = new Option<string?>("--list") { Description = "Overdue report: instead of rates, list the open overdue documents per unit or per person (as of --as-of)." };
        list.AcceptOnlyFromAmong("unit", "person");
        var command = new Command(name, description) { store, year, half, registerId, csv, xlsx, json };
        if (name == "overdue")
        {
            command.Options.Add(asOf);
            command.Options.Add(handlingDays);
            command.Options.Add(list);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var y = ParseYear(parse.GetValue(year));
            var h = parse.GetValue(half);
            if (h is not (null or 1 or 2))
            {
                throw new CliUsageException("--half must be 1 or 2.");
            }

            var period = new ReportPeriod(y, h);
            var output = SingleOutput(parse.GetValue(csv), parse.GetValue(xlsx), null, parse.GetValue(json));
            var asOfDate = name == "overdue" ? ParseDate(parse.GetValue(asOf), "--as-of") : null;
            return await WithRegisterAsync(context, parse.GetValue(store)!, async register =>
            {
                ReportTable table;
                object document;
                if (name == "semiannual")
                {
                    var report = await RegisterReports.SemiannualAsync(register.Store, period, parse.GetValue(registerId), cancellationToken);
                    table = report.ToTable();
                    document = new
                    {
                        report.Period.Year, report.Period.Half, Start = Iso(report.Period.Start), End = Iso(report.Period.End),
                        Rows = report.Rows.Select(r => new { r.Book, r.Dimension, r.Key, r.Total, r.ElectronicOnly, r.ElectronicAndPaper, r.PaperOnly, r.ElectronicRatePercent, r.ElectronicOnlyRatePercent }),
                    };
                }
                else
                {
                    var today = VietnamTime.Today(TimeProvider.System);
                    var judged = asOfDate ?? (today < period.End ? today : period.End);
                    var days = parse.GetValue(handlingDays);
                    if (days is < 0 or > 365)
                    {
                        throw new CliUsageException("--handling-days must be between 0 and 365.");
                    }

                    var monitor = new OverdueMonitor(
                        register.Store,
                        new EDoc.Registers.Deadlines.DeadlineCalculator(EDoc.Registers.Calendar.WorkingDayCalendar.Default, TimeProvider.System),
                        new OverdueMonitorOptions { DefaultHandlingWorkingDays = days });
                    if (parse.GetValue(list) is { } by)
                    {
                        // Judged at the end of the --as-of day (or now when judging today).
                        var at = judged == today ? DateTimeOffset.UtcNow : new DateTimeOffset(judged.ToDateTime(new TimeOnly(23, 59, 59)), VietnamTime.Offset);
                        var groups = by == "person"
                            ? await monitor.ListOverdueByPersonAsync(at, parse.GetValue(registerId), cancellationToken)
                            : await monitor.ListOverdueByUnitAsync(at, parse.GetValue(registerId), cancellationToken);
                        table = new ReportTable(
                            $"VĂN BẢN ĐẾN QUÁ HẠN GIẢI QUYẾT THEO {(by == "person" ? "NGƯỜI XỬ LÝ" : "ĐƠN VỊ")} (tính đến {Iso(judged)})",
                            [by == "person" ? "Người xử lý" : "Đơn vị", "Số đến", "Năm", "Số, ký hiệu", "Trích yếu", "Hạn giải quyết", "Số ngày làm việc quá hạn"],
                            [.. groups.SelectMany(g => g.Items.Select(i => (IReadOnlyList<object?>)
                                [g.Key, i.Entry.ArrivalNumber, i.Entry.Year, i.Entry.DocumentNumber, i.Entry.Subject, Iso(DateOnly.FromDateTime(i.DueAt.DateTime)), i.WorkingDaysOverdue]))]);
                        document = new
                        {
                            AsOf = Iso(judged), By = by,
                            Groups = groups.Select(g => new
                            {
                                g.Key, g.Count,
                                Items = g.Items.Select(i => new { i.Entry.ArrivalNumber, i.Entry.Year, i.Entry.DocumentNumber, i.Entry.Subject, i.Unit, i.Person, DueAt = i.DueAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), i.WorkingDaysOverdue }),
                            }),
                        };
                    }
                    else
                    {
                        var report = await monitor.ReportAsync(period, judged, parse.GetValue(registerId), cancellationToken);
                        table = report.ToTable();
                        document = new
                        {
                            report.Period.Year, report.Period.Half, AsOf = Iso(report.AsOf),
                            Units = report.Units.Select(Unit), Total = Unit(report.Total), Flagged = report.FlaggedUnits.Select(u => u.Unit),
                        };
                        if (output.Kind == "text")
                        {
                            var flagged = report.FlaggedUnits.Select(u => $"{u.Unit} ({u.OverdueRatePercent.ToString(CultureInfo.InvariantCulture)}%)").ToList();
                            context.Out.WriteLine(flagged.Count == 0
                                ? "Không có đơn vị nào quá hạn trên 50%. (No unit over 50% overdue.)"
                                : $"Đơn vị quá hạn trên 50% (units over 50% overdue): {string.Join("; ", flagged)}");
                        }
                    }
                }

                if (output.Kind == "json")
                {
                    context.WriteJson(document);
                    return CliApp.ExitOk;
                }

                return await WriteOutputAsync(context, table, output, name, cancellationToken);
            }, mustExist: true);
        });
        return command;

        static object Unit(OverdueUnitRow u) => new { u.Unit, u.OnTime, u.HandledLate, u.OverdueOpen, u.Overdue, u.NotYetDue, u.OverdueRatePercent, u.OverHalfOverdue };
    }

    private static Option<string?> FormOption()
    {
        var form = new Option<string?>("--form") { Description = "electronic (default), paper, or both." };
        form.AcceptOnlyFromAmong("electronic", "paper", "both");
        return form;
    }

    private static TransmissionForm ParseForm(string? value) => value switch
    {
        "paper" => TransmissionForm.Paper,
        "both" => TransmissionForm.ElectronicAndPaper,
        _ => TransmissionForm.Electronic,
    };

    private static DateOnly? ParseDate(string? value, string option)
    {
        if (value is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CliUsageException($"{option}: '{value}' is not a date YYYY-MM-DD.");
    }

    private static int ParseYear(int year)
        => year is >= 1900 and <= 9999 ? year : throw new CliUsageException($"--year: {year} is not a year.");

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static (string Kind, string? Path) SingleOutput(string? csv, string? xlsx, string? pdf, bool json)
    {
        var chosen = new List<(string, string?)>();
        if (csv is not null)
        {
            chosen.Add(("csv", csv));
        }

        if (xlsx is not null)
        {
            chosen.Add(("xlsx", xlsx));
        }

        if (pdf is not null)
        {
            chosen.Add(("pdf", pdf));
        }

        if (json)
        {
            chosen.Add(("json", null));
        }

        return chosen.Count switch
        {
            0 => ("text", null),
            1 => chosen[0],
            _ => throw new CliUsageException("Choose one output: --csv, --xlsx, --pdf or --json."),
        };
    }

    private static async Task<int> WriteOutputAsync(CliContext context, ReportTable table, (string Kind, string? Path) output, string name, CancellationToken cancellationToken)
    {
        if (output.Kind == "text")
        {
            context.Out.WriteLine(table.Title);
            context.Out.WriteLine(string.Join('\t', table.Headers));
            foreach (var row in table.Rows)
            {
                context.Out.WriteLine(string.Join('\t', row.Select(c => c switch
                {
                    null => string.Empty,
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => c.ToString()!.Replace('\t', ' ').Replace('\n', ' '),
                })));
            }

            return CliApp.ExitOk;
        }

        var path = Path.GetFullPath(output.Path!);
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            return context.Fail(output.Path, "the output folder does not exist.");
        }

        // Atomic write: a temporary file in the same folder, renamed over the target when complete.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 65536, useAsync: true))
            {
                switch (output.Kind)
                {
                    case "csv":
                        await CsvTableWriter.WriteAsync(table, stream, cancellationToken);
                        break;
                    case "xlsx":
                        await XlsxTableWriter.WriteAsync(table, stream, name, cancellationToken);
                        break;
                    default:
                        await RegisterPdfWriter.WriteAsync(table, stream, cancellationToken: cancellationToken);
                        break;
                }

                await stream.FlushAsync(cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }

        context.Out.WriteLine($"{output.Kind}: {output.Path} ({table.Rows.Count} rows)");
        return CliApp.ExitOk;
    }

    private static async Task<int> WithRegisterAsync(CliContext context, string connection, Func<DocumentRegister, Task<int>> action, bool mustExist = false)
    {
        // Reading verbs must not create an empty register from a mistyped path.
        if (mustExist && !connection.Contains('=', StringComparison.Ordinal) && !File.Exists(connection))
        {
            return context.Fail(connection, "the register store does not exist.");
        }

        IRegisterStore store;
        try
        {
            store = RegisterStoreFactory.Create(connection);
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException($"--store: {ex.Message}", ex);
        }

        await using (store)
        {
            try
            {
                return await action(new DocumentRegister(store));
            }
            catch (ArgumentException ex)
            {
                return context.Fail(null, ex.Message);
            }
        }
    }
}
