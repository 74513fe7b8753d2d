using System.CommandLine;
using System.Text;
using EDoc.Text;

namespace EDoc.Cli.Commands;

/// <summary><c>edoc text normalize|convert</c>: Vietnamese text to Unicode NFC (TCVN 6909:2001).</summary>
internal static class TextCommands
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly Dictionary<string, VietnameseEncoding> Encodings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tcvn3"] = VietnameseEncoding.Tcvn3,
        ["vni"] = VietnameseEncoding.Vni,
        ["viqr"] = VietnameseEncoding.Viqr,
        ["mojibake"] = VietnameseEncoding.Utf8Mojibake,
        ["unicode"] = VietnameseEncoding.Unicode,
        ["auto"] = VietnameseEncoding.Auto,
    };

    public static Command Create(CliContext context)
    {
        var text = new Command("text", "Vietnamese text: normalize to Unicode NFC, convert legacy encodings (TCVN3, VNI, VIQR).");
        text.Subcommands.Add(CreateNormalize(context));
        text.Subcommands.Add(CreateConvert(context));
        return text;
    }

    private static Command CreateNormalize(CliContext context)
    {
        var input = new Argument<string>("IN") { Description = "The UTF-8 (or UTF-16 with BOM) text file to read." };
        var output = new Argument<string?>("OUT")
        {
            Description = "Where to write the NFC text (UTF-8 without BOM); standard output when omitted.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var json = new Option<bool>("--json") { Description = "Print a JSON summary (with the text when OUT is omitted)." };
        var command = new Command("normalize", "Normalize Unicode text to NFC (Unicode dựng sẵn, TCVN 6909:2001).")
        {
            input,
            output,
            json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var inPath = parseResult.GetValue(input)!;
            var outPath = parseResult.GetValue(output);
            var bytes = await ReadInputAsync(context, inPath, cancellationToken).ConfigureAwait(false);
            if (bytes is null)
            {
                return CliApp.ExitFailed;
            }

            VietnameseConversionResult result;
            try
            {
                result = VietnameseTextConverter.ConvertDetailed(bytes, VietnameseEncoding.Unicode);
            }
            catch (EDocFormatException ex)
            {
                return context.Fail(inPath, ex.Message + " Use 'edoc text convert --from auto' for legacy encodings.");
            }

            if (outPath is not null)
            {
                await WriteAtomicallyAsync(outPath, result.Text, cancellationToken).ConfigureAwait(false);
            }

            if (parseResult.GetValue(json))
            {
                context.WriteJson(new
                {
                    command = "text normalize",
                    input = inPath,
                    output = outPath,
                    wasNormalized = result.ChangedCharacters == 0,
                    changedCharacters = result.ChangedCharacters,
                    characters = result.Text.Length,
                    text = outPath is null ? result.Text : null,
                });
            }
            else if (outPath is null)
            {
                await context.Out.WriteAsync(result.Text).ConfigureAwait(false);
            }
            else
            {
                await context.Out.WriteLineAsync($"{inPath} → {outPath}: NFC, {result.ChangedCharacters} character(s) changed.").ConfigureAwait(false);
            }

            return CliApp.ExitOk;
        });
        return command;
    }

    private static Command CreateConvert(CliContext context)
    {
        var input = new Argument<string>("IN") { Description = "The file to read, as bytes (legacy files are single-byte)." };
        var output = new Argument<string>("OUT") { Description = "Where to write the Unicode NFC text (UTF-8 without BOM)." };
        var from = new Option<string>("--from")
        {
            Description = "The encoding of IN: tcvn3, vni, viqr, mojibake (UTF-8 read as Windows-1252), unicode or auto.",
            Required = true,
        };
        from.AcceptOnlyFromAmong([.. Encodings.Keys]);
        var json = new Option<bool>("--json") { Description = "Print a JSON summary: detected encoding, characters changed." };
        var vn1 = new Option<bool>("--tcvn3-vn1")
        {
            Description = "Read TCVN3 with the full TCVN 5712 VN1 table (capitals with tone marks at 0x80–0x9F) instead of VN3/ABC.",
        };
        var uppercaseFont = new Option<bool>("--tcvn3-uppercase-font")
        {
            Description = "The TCVN3 text was set in an uppercase font (.VnTimeH): upper-case the result.",
        };
        var viqrPunctuation = new Option<bool>("--viqr-final-punctuation")
        {
            Description = "Read an unescaped VIQR '.' or '?' at the end of a word as punctuation, not as a tone (RFC 1456 wants '\\.').",
        };
        var command = new Command("convert", "Convert TCVN3 (ABC), VNI-Windows, VIQR or mojibake text to Unicode NFC.")
        {
            input,
            output,
            from,
            json,
            vn1,
            uppercaseFont,
            viqrPunctuation,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var inPath = parseResult.GetValue(input)!;
            var outPath = parseResult.GetValue(output)!;
            var encoding = Encodings[parseResult.GetValue(from)!];
            var bytes = await ReadInputAsync(context, inPath, cancellationToken).ConfigureAwait(false);
            if (bytes is null)
            {
                return CliApp.ExitFailed;
            }

            VietnameseConversionResult result;
            try
            {
                result = VietnameseTextConverter.ConvertDetailed(bytes, encoding, new VietnameseConversionOptions
                {
                    Tcvn3UseVn1Capitals = parseResult.GetValue(vn1),
                    Tcvn3UppercaseFont = parseResult.GetValue(uppercaseFont),
                    ViqrWordFinalPunctuationIsLiteral = parseResult.GetValue(viqrPunctuation),
                });
            }
            catch (EDocFormatException ex)
            {
                return context.Fail(inPath, ex.Message);
            }

            await WriteAtomicallyAsync(outPath, result.Text, cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(json))
            {
                context.WriteJson(new
                {
                    command = "text convert",
                    input = inPath,
                    output = outPath,
                    from = encoding,
                    sourceEncoding = result.SourceEncoding,
                    detection = result.Detection is null ? null : new
                    {
                        encoding = result.Detection.Encoding,
                        confidence = result.Detection.Confidence,
                        isAmbiguous = result.Detection.IsAmbiguous,
                        isPlainAscii = result.Detection.IsPlainAscii,
                    },
                    changedCharacters = result.ChangedCharacters,
                    characters = result.Text.Length,
                });
            }
            else
            {
                var detected = result.Detection is null ? string.Empty : $" (detected: {result.Detection})";
                await context.Out.WriteLineAsync(
                    $"{inPath} → {outPath}: read as {result.SourceEncoding}{detected}, {result.ChangedCharacters} character(s) changed.").ConfigureAwait(false);
            }

            return CliApp.ExitOk;
        });
        return command;
    }

    private static async Task<byte[]?> ReadInputAsync(CliContext context, string path, CancellationToken cancellationToken)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                context.Fail(path, "file not found.");
                return null;
            }

            if (info.Length > VietnameseConversionOptions.Default.MaxInputLength)
            {
                context.Fail(path, $"the file is larger than {VietnameseConversionOptions.Default.MaxInputLength} bytes.");
                return null;
            }

            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            context.Fail(path, $"cannot read the file: {ex.Message}");
            return null;
        }
    }

    private static async Task WriteAtomicallyAsync(string path, string text, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? ".";
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllTextAsync(temp, text, Utf8NoBom, cancellationToken).ConfigureAwait(false);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
