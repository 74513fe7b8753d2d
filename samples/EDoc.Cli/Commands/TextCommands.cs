using System.CommandLine;

namespace EDoc.Cli.Commands;

/// <summary><c>edoc text normalize|convert</c>: Vietnamese text to Unicode NFC (TCVN 6909:2001).</summary>
internal static class TextCommands
{
    public static Command Create(CliContext context)
    {
        var text = new Command("text", "Vietnamese text: normalize to Unicode NFC, convert legacy encodings (TCVN3, VNI, VIQR).");
        return text;
    }
}
