using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EDoc.Cli;

/// <summary>Where a command writes, and the shared output conventions.</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
public sealed record CliContext(TextWriter Out, TextWriter Error)
{
    /// <summary>JSON options of every <c>--json</c> output: camelCase, indented, Vietnamese text unescaped.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>Writes one JSON document on standard output.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="value">The value.</param>
    public void WriteJson<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>Writes an error naming the file and the problem, and returns exit code 1.</summary>
    /// <param name="file">The file the problem is about, or <see langword="null"/>.</param>
    /// <param name="message">The problem.</param>
    /// <returns><see cref="CliApp.ExitFailed"/>.</returns>
    public int Fail(string? file, string message)
    {
        Error.WriteLine(file is null ? $"edoc: {message}" : $"edoc: {file}: {message}");
        return CliApp.ExitFailed;
    }
}

/// <summary>A command line that parses but makes no sense (conflicting or missing options); exit code 2.</summary>
public sealed class CliUsageException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What is wrong with the command line.</param>
    public CliUsageException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance.</summary>
    public CliUsageException()
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What is wrong with the command line.</param>
    /// <param name="innerException">The cause.</param>
    public CliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
