using System.Globalization;
using System.Xml;
using EDoc.Archive.Metadata;
using EDoc.Archive.Packages;
using EDoc.Archive.Rules;
using EDoc.Archive.Verification;
using EDoc.Time;

namespace EDoc.Archive.Export;

/// <summary>
/// Builds the PDF of an exported dossier: an index page and the dossier's PDF documents in chronological order.
/// EDoc.Archive has no PDF writer; implement this with a PDF library (the edoc CLI uses PDFsharp).
/// </summary>
public interface IDossierPdfComposer
{
    /// <summary>Writes the PDF.</summary>
    /// <param name="package">The package (documents are read with <see cref="ArchivePackage.OpenDocumentAsync"/>).</param>
    /// <param name="documents">The documents in chronological order.</param>
    /// <param name="output">Where the PDF goes.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    Task ComposeAsync(ArchivePackage package, IReadOnlyList<ArchivePackageDocument> documents, Stream output, CancellationToken cancellationToken = default);
}

/// <summary>
/// Exports a dossier package as NĐ 30/2020/NĐ-CP Phụ lục VI requires: one <c>.xml</c> with the metadata of the
/// dossier and its documents in chronological order (Annex VI tags), and one <c>.pdf</c> (via
/// <see cref="IDossierPdfComposer"/>). The package is verified first; outputs are written atomically.
/// </summary>
public sealed class DossierExporter
{
    private readonly IDossierPdfComposer? _pdf;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="pdfComposer">Builds the PDF; required only when a PDF is asked for.</param>
    /// <param name="timeProvider">The clock.</param>
    public DossierExporter(IDossierPdfComposer? pdfComposer = null, TimeProvider? timeProvider = null)
    {
        _pdf = pdfComposer;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Whether a package that fails verification is refused.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RequireValidPackage { get; init; } = true;

    /// <summary>Exports a dossier package.</summary>
    /// <param name="packagePath">The package (ZIP or folder).</param>
    /// <param name="pdfPath">The PDF to write, or <see langword="null"/>.</param>
    /// <param name="xmlPath">The XML to write, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the export; no partial file is left.</param>
    /// <returns>The verification report of the package.</returns>
    /// <exception cref="EDocValidationException">The package does not verify.</exception>
    /// <exception cref="InvalidOperationException">A PDF is asked for but no composer was given.</exception>
    public async Task<ArchiveVerificationReport> ExportAsync(string packagePath, string? pdfPath, string? xmlPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(packagePath);
        if (pdfPath is not null && _pdf is null)
        {
            throw new InvalidOperationException("A PDF export needs an IDossierPdfComposer.");
        }

        var report = await new ArchivePackageVerifier().VerifyAsync(packagePath, cancellationToken).ConfigureAwait(false);
        if (RequireValidPackage && !report.IsValid)
        {
            throw new EDocValidationException("Archive package " + packagePath, report.Errors.Select(p => new Validation.ValidationProblem(p.Path, p.Code, p.Message, p.Message)).ToList());
        }

        using var package = ArchivePackage.Open(packagePath);
        var documents = package.ChronologicalDocuments();
        if (xmlPath is not null)
        {
            await AtomicFile.WriteAsync(xmlPath, (s, _) =>
            {
                WriteXml(package, documents, s);
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
        }

        if (pdfPath is not null)
        {
            await AtomicFile.WriteAsync(pdfPath, (s, ct) => _pdf!.ComposeAsync(package, documents, s, ct), cancellationToken).ConfigureAwait(false);
        }

        return report;
    }

    /// <summary>Writes the NĐ 30/2020 Phụ lục VI XML of a dossier and its documents (chronological order).</summary>
    /// <param name="package">The package.</param>
    /// <param name="output">Where the XML goes.</param>
    public void WriteXml(ArchivePackage package, Stream output)
    {
        ArgumentNullException.ThrowIfNull(package);
        WriteXml(package, package.ChronologicalDocuments(), output);
    }

    private void WriteXml(ArchivePackage package, IReadOnlyList<ArchivePackageDocument> documents, Stream output)
    {
        var rules = ArchiveRuleSet.Nd30;
        using var w = XmlWriter.Create(output, DescriptiveMetadataXml.WriterSettings);
        w.WriteStartDocument();
        w.WriteStartElement("File");
        w.WriteAttributeString("ruleSet", rules.Id);
        w.WriteAttributeString("packageId", package.PackageId);
        w.WriteAttributeString("exportedAt", VietnamTime.ToIso8601(_time.GetUtcNow()));
        var dossierValues = package.Dossier.ToFieldValues(documents.Count, documents.Sum(d => d.Metadata.NumberOfPage ?? 0));
        WriteFields(w, rules.DossierFields, dossierValues);
        w.WriteStartElement("Documents");
        foreach (var d in documents)
        {
            w.WriteStartElement("Document");
            var values = d.Metadata.ToFieldValues(package.Dossier.FileCode);
            WriteFields(w, rules.DocumentFields, values);
            w.WriteElementString("DocCode", MetadataLabels.Format(values["docCode"]));
            w.WriteElementString("FileName", d.FileName);
            if (d.Sha256 is not null)
            {
                w.WriteStartElement("Checksum");
                w.WriteAttributeString("type", "SHA-256");
                w.WriteString(d.Sha256);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    private static void WriteFields(XmlWriter w, IReadOnlyList<FieldRule> fields, IReadOnlyDictionary<string, object?> values)
    {
        string? open = null;
        foreach (var field in fields)
        {
            var parts = field.Tag.Split('/');
            var group = parts.Length > 1 ? parts[0] : null;
            if (open != group)
            {
                if (open is not null)
                {
                    w.WriteEndElement();
                }

                if (group is not null)
                {
                    w.WriteStartElement(group);
                }

                open = group;
            }

            values.TryGetValue(field.Name, out var value);
            var text = value switch
            {
                int i when field.Name == "fileCatalog" => i.ToString("D4", CultureInfo.InvariantCulture),
                _ => MetadataLabels.Format(value),
            };
            if (text.Length > 0)
            {
                w.WriteElementString(parts[^1], text);
            }
        }

        if (open is not null)
        {
            w.WriteEndElement();
        }
    }
}

/// <summary>Writes a file atomically: a temporary file in the same folder, renamed at the end.</summary>
public static class AtomicFile
{
    /// <summary>Writes a file atomically.</summary>
    /// <param name="path">The file.</param>
    /// <param name="write">Writes the content.</param>
    /// <param name="cancellationToken">Cancels the write; the temporary file is removed.</param>
    /// <returns>A task.</returns>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
