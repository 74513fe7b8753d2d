using System.CommandLine;
using System.Globalization;
using EDoc.Signing;
using EDoc.Signing.Appearance;
using EDoc.Signing.Signers;

namespace EDoc.Cli.Commands;

/// <summary>
/// Visible signatures and issuance (NĐ 30/2020 Phụ lục I): <c>edoc stamp-urgency</c>, <c>edoc issue-fields</c>,
/// <c>edoc sign-attachment</c>, <c>edoc issue</c>, plus the <c>--image</c>/<c>--seal</c> options of <c>edoc sign</c>.
/// </summary>
internal static class AppearanceCommands
{
    /// <summary>The seal diameter used when <c>--seal-diameter-mm</c> is not given: a provincial agency's round seal.</summary>
    public const double DefaultSealDiameterMm = 36;

    private static readonly string[] UnitNames = ["pt", "mm"];

    public static Command CreateStampUrgency(CliContext context)
    {
        var input = new Argument<string>("IN") { Description = "The draft PDF (never modified)." };
        var output = new Argument<string>("OUT") { Description = "The stamped PDF (written atomically)." };
        var level = new Option<string>("--level") { Description = "khan (KHẨN 20×8 mm), thuong-khan (THƯỢNG KHẨN 40×8 mm) or hoa-toc (HỎA TỐC 30×8 mm).", Required = true };
        level.AcceptOnlyFromAmong("khan", "thuong-khan", "hoa-toc");
        var page = new Option<string>("--page") { Description = "Page number or 'last' (default 1).", DefaultValueFactory = _ => "1" };
        var position = new Option<string?>("--position") { Description = "x,y of the stamp's bottom-left corner on the page as the reader sees it (default: the draft's urgency field from 'edoc issue-fields', which keeps a signed document's signatures valid; else under the 'Số:' line; else 30 mm from the left and 50 mm from the top)." };
        var unit = UnitOption();
        var command = new Command("stamp-urgency", "Add an urgency stamp (dấu chỉ mức độ khẩn) to a draft, before the first signature.") { input, output, level, page, position, unit };
        command.SetAction((r, ct) => StampUrgencyAsync(context, r.GetValue(input)!, r.GetValue(output)!, r.GetValue(level)!, r.GetValue(page)!, r.GetValue(position), r.GetValue(unit)!, ct));
        return command;
    }

    public static Command CreateIssueFields(CliContext context)
    {
        var input = new Argument<string>("IN") { Description = "The draft PDF (never modified)." };
        var output = new Argument<string>("OUT") { Description = "The draft with empty number and date fields (written atomically)." };
        var numberAnchor = new Option<string>("--number-anchor") { Description = "Text after which the number field goes (default 'Số:').", DefaultValueFactory = _ => "Số:" };
        var dateAnchor = new Option<string?>("--date-anchor") { Description = "Text after which the date field goes, e.g. the place name 'Nghệ An,'." };
        var numberRect = new Option<string?>("--number-rect") { Description = "x,y,w,h of the number field (instead of --number-anchor)." };
        var dateRect = new Option<string?>("--date-rect") { Description = "x,y,w,h of the date field (instead of --date-anchor)." };
        var page = new Option<string>("--page") { Description = "Page of the fields: a number or 'last' (default 1).", DefaultValueFactory = _ => "1" };
        var unit = UnitOption();
        var noUrgency = new Option<bool>("--no-urgency-field") { Description = "Do not add the empty urgency field (40×8 mm, 3 mm under the number field) that 'edoc stamp-urgency' fills at issuance." };
        var command = new Command("issue-fields", "Add the empty number, issue-date and urgency fields to a draft, before the signer signs; 'edoc issue' and 'edoc stamp-urgency' fill them.")
        {
            input, output, numberAnchor, dateAnchor, numberRect, dateRect, page, unit, noUrgency,
        };
        command.SetAction((r, ct) => IssueFieldsAsync(context, r.GetValue(input)!, r.GetValue(output)!, r.GetValue(numberAnchor)!, r.GetValue(dateAnchor), r.GetValue(numberRect), r.GetValue(dateRect), r.GetValue(page)!, r.GetValue(unit)!, !r.GetValue(noUrgency), ct));
        return command;
    }

    public static Command CreateSignAttachment(CliContext context)
    {
        var input = new Argument<string>("IN") { Description = "The attachment or copy PDF (never modified)." };
        var output = new Argument<string>("OUT") { Description = "The signed PDF (written atomically)." };
        var cert = new Option<string>("--cert") { Description = "The agency's PKCS#12 (.pfx) file.", Required = true };
        var password = new Option<string?>("--password") { Description = "Password of the PFX." };
        var number = new Option<string?>("--number") { Description = "Number and notation of the main document, e.g. 08/2018/QĐ-UBND." };
        var agency = new Option<string?>("--agency") { Description = "Agency name shown in the block (required with --copy)." };
        var copy = new Option<string?>("--copy") { Description = "Sign an electronic copy instead: sao-y, sao-luc or trich-sao." };
        copy.AcceptOnlyFromAmong("sao-y", "sao-luc", "trich-sao");
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON document." };
        var command = new Command("sign-attachment", "Agency signature of an attachment (or electronic copy) as a text block at the top right of page 1.") { input, output, cert, password, number, agency, copy, json };
        command.SetAction((r, ct) =>
        {
            string? n = r.GetValue(number), a = r.GetValue(agency), c = r.GetValue(copy);
            PdfSignatureAppearanceProvider appearance;
            if (c is not null)
            {
                if (string.IsNullOrWhiteSpace(a))
                {
                    throw new CliUsageException("--copy needs --agency (the copying agency).");
                }

                appearance = TextBlockSignatureAppearance.ForCopy(c switch { "sao-luc" => CopyForm.SaoLuc, "trich-sao" => CopyForm.TrichSao, _ => CopyForm.SaoY }, a);
            }
            else
            {
                appearance = string.IsNullOrWhiteSpace(n)
                    ? throw new CliUsageException("--number is required (or --copy with --agency).")
                    : TextBlockSignatureAppearance.ForAttachment(n, a);
            }

            return SignCommands.SignAsync(context, r.GetValue(input)!, r.GetValue(output)!, r.GetValue(cert)!, r.GetValue(password), r.GetValue(json), new SignCommands.SignSettings { Appearance = appearance }, ct);
        });
        return command;
    }

    public static Command CreateIssue(CliContext context)
    {
        var input = new Argument<string>("IN") { Description = "The signed document with empty number/date fields (never modified)." };
        var output = new Argument<string>("OUT") { Description = "The issued document: number and date filled, then signed by the agency (written atomically)." };
        var cert = new Option<string>("--cert") { Description = "The agency's PKCS#12 (.pfx) file.", Required = true };
        var password = new Option<string?>("--password") { Description = "Password of the PFX." };
        var number = new Option<int>("--number") { Description = "The register number (numbers below 10 get a leading zero).", Required = true };
        var notation = new Option<string>("--notation") { Description = "The notation after the number, e.g. 2026/QĐ-UBND.", Required = true };
        var date = new Option<string>("--date") { Description = "The issue date, YYYY-MM-DD.", Required = true };
        var place = new Option<string?>("--place") { Description = "Place name written before the date (only when the draft's date field does not follow it)." };
        var seal = new Option<string?>("--seal") { Description = "The seal image (PNG/JPG), placed over the last signature at its real size." };
        var diameter = new Option<double>("--seal-diameter-mm") { Description = "The seal's real diameter in mm (default 36).", DefaultValueFactory = _ => DefaultSealDiameterMm };
        var keepColors = new Option<bool>("--keep-colors") { Description = "Keep the image's colours and background (default: white removed, seal red)." };
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON document." };
        var command = new Command("issue", "Issuance (ban hành): fill the number and date fields, then the agency signs (with its seal).")
        {
            input, output, cert, password, number, notation, date, place, seal, diameter, keepColors, json,
        };
        command.SetAction((r, ct) => IssueAsync(context, r.GetValue(input)!, r.GetValue(output)!, r.GetValue(cert)!, r.GetValue(password), r.GetValue(number), r.GetValue(notation)!, r.GetValue(date)!, r.GetValue(place), r.GetValue(seal), r.GetValue(diameter), r.GetValue(keepColors), r.GetValue(json), ct));
        return command;
    }

    /// <summary>The <c>--unit pt|mm</c> option (default pt).</summary>
    public static Option<string> UnitOption()
    {
        var unit = new Option<string>("--unit") { Description = "Unit of --rect/--position: pt (default) or mm.", DefaultValueFactory = _ => "pt" };
        unit.AcceptOnlyFromAmong(UnitNames);
        return unit;
    }

    public static Unit ParseUnit(string unit) => unit == "mm" ? Unit.Millimetre : Unit.Point;

    /// <summary>Parses <c>N</c> or <c>last</c> into a one-based page or <see cref="SignaturePlacement.LastPage"/>.</summary>
    public static int ParsePage(string text)
    {
        if (string.Equals(text, "last", StringComparison.OrdinalIgnoreCase))
        {
            return SignaturePlacement.LastPage;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1
            ? n
            : throw new CliUsageException($"--page '{text}' must be a page number (1, 2, …) or 'last'.");
    }

    public static PageRectangle ParseRect(string option, string text, Unit unit)
    {
        try
        {
            return PageRectangle.Parse(text, unit);
        }
        catch (FormatException ex)
        {
            throw new CliUsageException($"{option}: {ex.Message}");
        }
    }

    public static async Task<SignatureImage> LoadImageAsync(string path, bool seal, bool keepColors, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found.", path);
        }

        ImagePreparationOptions options = keepColors ? ImagePreparationOptions.KeepColors : seal ? ImagePreparationOptions.Seal : ImagePreparationOptions.Signer;
        return await SignatureImage.LoadAsync(path, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes OUT through a temporary file next to it, renamed when complete.</summary>
    public static async Task WriteAtomicallyAsync(string input, string output, Func<Stream, Stream, Task> write, CancellationToken cancellationToken)
    {
        string full = Path.GetFullPath(output);
        string temp = Path.Combine(Path.GetDirectoryName(full) ?? ".", "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..12] + ".tmp");
        try
        {
            await using (FileStream src = File.OpenRead(input))
            await using (var dst = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
                await write(src, dst).ConfigureAwait(false);
                await dst.FlushAsync(cancellationToken).ConfigureAwait(false);
                dst.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static void CheckInOut(string input, string output)
    {
        if (string.Equals(Path.GetFullPath(input), Path.GetFullPath(output), StringComparison.Ordinal))
        {
            throw new CliUsageException("IN and OUT must be different files: the input is never modified.");
        }
    }

    private static async Task<int> StampUrgencyAsync(CliContext context, string input, string output, string levelText, string pageText, string? position, string unitText, CancellationToken cancellationToken)
    {
        CheckInOut(input, output);
        if (!UrgencyStamp.TryParse(levelText, out UrgencyLevel level))
        {
            throw new CliUsageException($"--level '{levelText}' must be khan, thuong-khan or hoa-toc.");
        }

        int page = ParsePage(pageText);
        Unit unit = ParseUnit(unitText);
        PageRectangle? at = null;
        if (position is not null)
        {
            string[] xy = position.Split(',', StringSplitOptions.TrimEntries);
            at = xy.Length == 2 ? ParseRect("--position", $"{xy[0]},{xy[1]},1,1", unit) : throw new CliUsageException($"--position '{position}' must be 'x,y'.");
        }

        if (!File.Exists(input))
        {
            return context.Fail(input, "file not found.");
        }

        int pageIndex = page == SignaturePlacement.LastPage ? -1 : page - 1;
        PageRectangle rect = default;
        try
        {
            await WriteAtomicallyAsync(input, output, async (src, dst) =>
                rect = await UrgencyStampWriter.StampAsync(src, dst, level, new UrgencyStampOptions { PageIndex = pageIndex, Position = at }, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or InvalidOperationException)
        {
            return context.Fail(input, ex.Message);
        }

        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFullPath(output)}: {UrgencyStamp.GetText(level)} stamp at {Units.PointsToMillimetres(rect.X):0.#},{Units.PointsToMillimetres(rect.Y):0.#} mm."));
        return CliApp.ExitOk;
    }

    private static async Task<int> IssueFieldsAsync(CliContext context, string input, string output, string numberAnchor, string? dateAnchor, string? numberRect, string? dateRect, string pageText, string unitText, bool urgencyField, CancellationToken cancellationToken)
    {
        CheckInOut(input, output);
        int page = ParsePage(pageText);
        int pageIndex = page == SignaturePlacement.LastPage ? -1 : page - 1;
        Unit unit = ParseUnit(unitText);
        if (dateAnchor is null && dateRect is null)
        {
            throw new CliUsageException("Give --date-anchor TEXT (e.g. the place name 'Nghệ An,') or --date-rect x,y,w,h.");
        }

        PageRectangle? number = numberRect is null ? null : ParseRect("--number-rect", numberRect, unit);
        PageRectangle? date = dateRect is null ? null : ParseRect("--date-rect", dateRect, unit);
        if (!File.Exists(input))
        {
            return context.Fail(input, "file not found.");
        }

        double urgencyLeft = number?.ToPoints().X ?? 0;
        await using (FileStream probe = File.OpenRead(input))
        {
            if (number is null && FindAnchor(context, probe, numberAnchor, pageIndex) is { } a)
            {
                urgencyLeft = a.X;
                double h = Math.Max(a.Height + 4, 14);
                number = new PageRectangle(a.Right + 2, a.Y + (a.Height / 2) - (h / 2), Units.MillimetresToPoints(70), h);
            }

            if (date is null && FindAnchor(context, probe, dateAnchor!, pageIndex) is { } d)
            {
                double h = Math.Max(d.Height + 4, 14);
                date = new PageRectangle(d.Right + 2, d.Y + (d.Height / 2) - (h / 2), Units.MillimetresToPoints(75), h);
            }
        }

        if (number is null || date is null)
        {
            return CliApp.ExitFailed;
        }

        var fields = new List<IssuanceFieldDefinition>
        {
            new(IssuanceFields.NumberFieldName, pageIndex, number.Value),
            new(IssuanceFields.DateFieldName, pageIndex, date.Value),
        };
        if (urgencyField)
        {
            double fh = Units.MillimetresToPoints(8);
            fields.Add(new(IssuanceFields.UrgencyFieldName, pageIndex, new PageRectangle(urgencyLeft, number.Value.ToPoints().Y - Units.MillimetresToPoints(3) - fh, Units.MillimetresToPoints(40), fh)));
        }

        try
        {
            await WriteAtomicallyAsync(input, output, (src, dst) => IssuanceFields.AddFieldsAsync(src, dst, fields, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentOutOfRangeException)
        {
            return context.Fail(input, ex.Message);
        }

        context.Out.WriteLine($"{Path.GetFullPath(output)}: fields {string.Join(", ", fields.Select(f => f.Name))} added; the signer signs with 'edoc sign --certify', then the clerk runs 'edoc stamp-urgency' (optional) and 'edoc issue'.");
        return CliApp.ExitOk;
    }

    /// <summary>The first occurrence of an anchor text on the page (points, as the reader sees it), or null after an error message.</summary>
    private static PageRectangle? FindAnchor(CliContext context, Stream pdf, string anchor, int pageIndex)
    {
        pdf.Position = 0;
        IReadOnlyList<AnchorMatch> found = AnchorTextLocator.Find(pdf, anchor, pageIndex);
        if (found.Count == 0)
        {
            context.Fail(null, $"the anchor text '{anchor}' is not on the page; give the field's rectangle instead.");
            return null;
        }

        return found[0].Bounds.ToPoints();
    }

    private static async Task<int> IssueAsync(CliContext context, string input, string output, string cert, string? password, int number, string notation, string dateText, string? place, string? sealPath, double diameter, bool keepColors, bool json, CancellationToken cancellationToken)
    {
        CheckInOut(input, output);
        if (number < 1)
        {
            throw new CliUsageException($"--number {number} must be 1 or more.");
        }

        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
        {
            throw new CliUsageException($"--date '{dateText}' must be YYYY-MM-DD.");
        }

        if (string.IsNullOrWhiteSpace(notation))
        {
            throw new CliUsageException("--notation must not be empty.");
        }

        if (!double.IsFinite(diameter) || diameter <= 0 || diameter > 500)
        {
            throw new CliUsageException("--seal-diameter-mm must be in (0, 500].");
        }

        if (!File.Exists(input))
        {
            return context.Fail(input, "file not found.");
        }

        PdfSignatureAppearanceProvider? appearance = null;
        if (sealPath is not null)
        {
            appearance = new SealSignatureAppearance(await LoadImageAsync(sealPath, seal: true, keepColors, cancellationToken).ConfigureAwait(false), diameter);
        }

        string numberText = IssuanceFields.FormatNumber(number) + "/" + notation.Trim().TrimStart('/');
        string filled = Path.Combine(Path.GetTempPath(), "edoc-issue-" + Guid.NewGuid().ToString("N") + ".pdf");
        try
        {
            try
            {
                await WriteAtomicallyAsync(input, filled, (src, dst) => IssuanceFields.FillAsync(src, dst, new Dictionary<string, string>
                {
                    [IssuanceFields.NumberFieldName] = numberText,
                    [IssuanceFields.DateFieldName] = IssuanceFields.FormatDate(date, place),
                }, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex)
            {
                return context.Fail(input, ex.Message + " Add the fields to the draft with 'edoc issue-fields' before the signer signs.");
            }

            return await SignCommands.SignAsync(context, filled, output, cert, password, json, new SignCommands.SignSettings { Appearance = appearance, DisplayInput = input, Note = $"issued as Số: {numberText}, {IssuanceFields.FormatDate(date, place)}" }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(filled);
        }
    }
}
