using System.CommandLine;

namespace EDoc.Cli.Commands;

/// <summary>The list of verbs. Each feature adds its commands here.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return TextCommands.Create(context);
        yield return CalendarCommands.Create(context);
        yield return DevCertsCommands.Create(context);
        yield return SignCommands.Create(context);
        yield return AppearanceCommands.CreateStampUrgency(context);
        yield return AppearanceCommands.CreateIssueFields(context);
        yield return AppearanceCommands.CreateSignAttachment(context);
        yield return AppearanceCommands.CreateIssue(context);
        yield return EdXmlCommands.Create(context);
        yield return RegisterCommands.CreateRegister(context);
        yield return RegisterCommands.CreateReport(context);
        yield return ArchiveCommands.Create(context);
        yield return HubCommands.CreateHub(context);
        yield return HubCommands.CreateSend(context);
        yield return HubCommands.CreateReceive(context);
        yield return VerifyCommands.Create(context);
        yield return DemoCommands.Create(context);
    }
}
