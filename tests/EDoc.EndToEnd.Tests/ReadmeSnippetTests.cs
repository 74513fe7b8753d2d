using System.Text.RegularExpressions;

namespace EDoc.EndToEnd.Tests;

/// <summary>
/// Keeps the READMEs' C# examples compiling: every README block marked <c>&lt;!-- snippet: NAME --&gt;</c> must be
/// the text of a region <c>// snippet: NAME</c> … <c>// end snippet</c> in a test source file, which the build
/// compiles and the test runs. The package READMEs' regions are in the consumer application that
/// EDoc.Packaging.Tests compiles against the packed packages.
/// </summary>
public sealed partial class ReadmeSnippetTests
{
    /// <summary>The repository's README and each package README.</summary>
    public static TheoryData<string> Readmes()
    {
        var data = new TheoryData<string> { "README.md", "samples/EDoc.Cli/README.md" };
        foreach (var project in Directory.EnumerateDirectories(Path.Combine(RepositoryPaths.Root, "src")).Order(StringComparer.Ordinal))
        {
            data.Add("src/" + Path.GetFileName(project) + "/README.md");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Readmes))]
    public void ReadmeSnippets_MatchCompiledRegions(string path)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, path)).ReplaceLineEndings("\n");
        var regions = CollectRegions();

        var blocks = ReadmeBlock().Matches(readme);

        Assert.True(path.StartsWith("samples/", StringComparison.Ordinal) || blocks.Count > 0, path + " has no snippet");
        foreach (Match block in blocks)
        {
            var name = block.Groups["name"].Value;
            Assert.True(regions.TryGetValue(name, out var region), $"{path} snippet '{name}' has no '// snippet: {name}' region in tests/.");
            Assert.Equal(region, block.Groups["code"].Value.TrimEnd());
        }
    }

    [Theory]
    [MemberData(nameof(Readmes))]
    public void CsharpBlocksInReadme_AreAllSnippets(string path)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, path)).ReplaceLineEndings("\n");

        var csharpBlocks = Regex.Count(readme, "```csharp\n");

        Assert.Equal(csharpBlocks, ReadmeBlock().Count(readme));
    }

    private static Dictionary<string, string> CollectRegions()
    {
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "tests"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            var text = File.ReadAllText(file).ReplaceLineEndings("\n");
            foreach (Match m in SourceRegion().Matches(text))
            {
                regions[m.Groups["name"].Value] = Dedent(m.Groups["code"].Value);
            }
        }

        return regions;
    }

    private static string Dedent(string code)
    {
        var lines = code.Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart())).TrimEnd();
    }

    [GeneratedRegex(@"<!-- snippet: (?<name>[\w-]+) -->\n```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ReadmeBlock();

    [GeneratedRegex(@"^[ \t]*// snippet: (?<name>[\w-]+)[ \t]*\n(?<code>.*?)^[ \t]*// end snippet", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex SourceRegion();
}
