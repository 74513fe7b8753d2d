namespace EDoc.Cli.Tests;

public class ConventionTests
{
    [Fact]
    public async Task Version_PrintsAssemblyVersion_ExitsZero()
    {
        var result = await CliRunner.RunAsync("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Stdout.Trim());
    }

    [Fact]
    public async Task Help_ListsVerbs_ExitsZero()
    {
        var result = await CliRunner.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("text", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-verb")]
    [InlineData("text", "convert", "--no-such-option")]
    public async Task UnknownVerbOrOption_ExitsTwo_WithMessageOnStderr(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.NotEmpty(result.Stderr);
    }
}
