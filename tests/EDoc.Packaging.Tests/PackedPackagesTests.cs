using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Xml.Linq;
using EDoc.EndToEnd.Tests;
using Xunit.Abstractions;

namespace EDoc.Packaging.Tests;

/// <summary>
/// The packed packages as an integrator gets them: their metadata, a fresh console project that installs the five
/// libraries from a local feed and uses each of them, and the <c>edoc</c> dotnet tool installed from the same feed.
/// </summary>
public sealed class PackedPackagesTests(PackedFeed feed, ITestOutputHelper output) : IClassFixture<PackedFeed>
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public void EveryLibraryPackage_HasReadmeLicenseDocsSymbolsAndRepository()
    {
        output.WriteLine($"dotnet pack: {feed.Pack.Elapsed.TotalSeconds:F1} s");
        foreach (var id in PackedFeed.Libraries)
        {
            using var package = ZipFile.OpenRead(feed.PackagePath(id));
            var metadata = Nuspec(package, id);

            Assert.Equal(feed.Version, Value(metadata, "version"));
            Assert.Equal("expression", metadata.Element(metadata.Name.Namespace + "license")?.Attribute("type")?.Value);
            Assert.Equal("MIT", Value(metadata, "license"));
            Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "description")), id + ": description");
            Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "authors")), id + ": authors");
            Assert.Contains("edoc", Value(metadata, "tags"), StringComparison.Ordinal);
            var repository = metadata.Element(metadata.Name.Namespace + "repository");
            Assert.Equal("git", repository?.Attribute("type")?.Value);
            Assert.Matches("^[0-9a-f]{40}$", repository?.Attribute("commit")?.Value ?? string.Empty);

            // The package's own README (not the repository's), shown on its package page.
            Assert.Equal("README.md", Value(metadata, "readme"));
            Assert.StartsWith("# " + id, Entry(package, "README.md").TrimStart('\uFEFF'), StringComparison.Ordinal);

            AssertDeterministic(package, $"lib/net10.0/{id}.dll");
            Assert.Contains("<member name=", Entry(package, $"lib/net10.0/{id}.xml"), StringComparison.Ordinal);

            // Packages depend only on EDoc.Abstractions among ours, at the same version.
            var ours = metadata.Descendants(metadata.Name.Namespace + "dependency")
                .Where(d => d.Attribute("id")!.Value.StartsWith("EDoc.", StringComparison.Ordinal))
                .ToList();
            Assert.All(ours, d => Assert.Equal(("EDoc.Abstractions", feed.Version), (d.Attribute("id")!.Value, d.Attribute("version")!.Value)));
            Assert.Equal(id == "EDoc.Abstractions" ? 0 : 1, ours.Count);

            using var symbols = ZipFile.OpenRead(feed.PackagePath(id, "snupkg"));
            Assert.NotNull(symbols.GetEntry($"lib/net10.0/{id}.pdb"));
        }
    }

    [Fact]
    public void ToolPackage_IsTheEdocDotnetTool()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath(PackedFeed.Tool));
        var metadata = Nuspec(package, PackedFeed.Tool);

        Assert.Equal("DotnetTool", metadata.Descendants(metadata.Name.Namespace + "packageType").Single().Attribute("name")?.Value);
        Assert.Equal("MIT", Value(metadata, "license"));
        Assert.StartsWith("# " + PackedFeed.Tool, Entry(package, "README.md").TrimStart('\uFEFF'), StringComparison.Ordinal);
        var settings = XDocument.Parse(Entry(package, "tools/net10.0/any/DotnetToolSettings.xml"));
        Assert.Equal("edoc", settings.Descendants("Command").Single().Attribute("Name")?.Value);
        Assert.NotNull(package.GetEntry("tools/net10.0/any/edoc.dll"));
        Assert.NotNull(package.GetEntry("tools/net10.0/any/EDoc.Signing.dll"));
    }

    [Fact]
    public async Task FreshConsoleProject_InstallsTheFivePackagesFromTheFeed_AndUsesEachOfThem()
    {
        var project = Path.Combine(feed.Root, "consumer");
        var work = Path.Combine(feed.Root, "consumer-output");
        Directory.CreateDirectory(project);
        Directory.CreateDirectory(work);
        // Nothing of the repository's build settings may reach the fresh project.
        foreach (var stopper in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(project, stopper), "<Project />\n");
        }

        var packages = feed.WriteNuGetConfig(project);
        var references = string.Join("\n", PackedFeed.Libraries.Select(id => $"""    <PackageReference Include="{id}" Version="{feed.Version}" />"""));
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
            {references}
              </ItemGroup>
            </Project>
            """);
        File.Copy(Path.Combine(RepositoryPaths.Root, "tests", "EDoc.Packaging.Tests", "Consumer", "Program.cs"), Path.Combine(project, "Program.cs"));

        var build = await DotnetProcess.DotnetAsync(project, BuildTimeout, null, "build", "-c", "Release", "-nologo");
        output.WriteLine($"restore + build of the fresh project: {build.Elapsed.TotalSeconds:F1} s");
        Assert.True(build.ExitCode == 0, build.ToString());
        foreach (var id in PackedFeed.Libraries)
        {
            // Installed from the local feed into the project's own packages folder.
            Assert.True(File.Exists(Path.Combine(packages, id.ToLowerInvariant(), feed.Version, $"{id.ToLowerInvariant()}.{feed.Version}.nupkg")), id + " was not installed from the feed");
        }

        var run = await DotnetProcess.DotnetAsync(project, BuildTimeout, null, Path.Combine(project, "bin", "Release", "net10.0", "Consumer.dll"), work);
        output.WriteLine($"run: {run.Elapsed.TotalSeconds:F1} s\n{run.Stdout}");
        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Stdout.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("abstractions: 08/2018/QĐ-UBND valid=True", lines);
        Assert.Contains(lines, l => l.StartsWith("signing: 1 signature(s) Valid, signer ", StringComparison.Ordinal));
        Assert.Contains("interchange: 000.00.00.H41 -> 000.00.00.G22 08/2018/QĐ-UBND mapped=True attachments=1", lines);
        Assert.Contains("registers: 01 01/QĐ-UBND 2025-03-03", lines);
        Assert.Contains(lines, l => l.StartsWith("archive: Sip ", StringComparison.Ordinal) && l.EndsWith(" evidence=1 valid=True", StringComparison.Ordinal));

        // What it wrote stands on its own: poppler checks the signature the package made.
        var pdfsig = await DotnetProcess.RunAsync(RequireTool("pdfsig", "poppler-utils"), [Path.Combine(work, "signed.pdf")], work, TimeSpan.FromMinutes(1));
        Assert.Contains("Signature Validation: Signature is Valid.", pdfsig.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EdocTool_InstallsFromTheFeed_AndRuns()
    {
        var home = Path.Combine(feed.Root, "tool");
        Directory.CreateDirectory(home);
        var packages = feed.WriteNuGetConfig(home);
        var tools = Path.Combine(home, "tools");
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages };

        var install = await DotnetProcess.DotnetAsync(home, BuildTimeout, environment, "tool", "install", PackedFeed.Tool, "--version", feed.Version, "--tool-path", tools);
        output.WriteLine($"dotnet tool install: {install.Elapsed.TotalSeconds:F1} s");
        Assert.True(install.ExitCode == 0, install.ToString());
        var edoc = Path.Combine(tools, OperatingSystem.IsWindows() ? "edoc.exe" : "edoc");
        Assert.True(File.Exists(edoc), "the tool command edoc was not installed:\n" + install);

        var help = await DotnetProcess.RunAsync(edoc, ["--help"], home, TimeSpan.FromMinutes(1));
        Assert.True(help.ExitCode == 0, help.ToString());
        foreach (var verb in new[] { "sign", "verify", "edxml", "register", "archive", "calendar", "dev-certs" })
        {
            Assert.Matches($@"(?m)^\s+{verb}\b", help.Stdout);
        }

        // The installed tool carries everything it needs: certificates, a signature and its verification.
        var pdf = Path.Combine(home, "draft.pdf");
        File.WriteAllBytes(pdf, EDoc.Interchange.TestSender.MinimalPdf.Create("Van ban"));
        var certs = await DotnetProcess.RunAsync(edoc, ["dev-certs", "--out", Path.Combine(home, "certs")], home, TimeSpan.FromMinutes(1));
        Assert.True(certs.ExitCode == 0, certs.ToString());
        var sign = await DotnetProcess.RunAsync(edoc, ["sign", pdf, Path.Combine(home, "signed.pdf"), "--cert", Path.Combine(home, "certs", "signer.pfx")], home, TimeSpan.FromMinutes(1));
        Assert.True(sign.ExitCode == 0, sign.ToString());
        var verify = await DotnetProcess.RunAsync(edoc, ["verify", Path.Combine(home, "signed.pdf"), "--trust", Path.Combine(home, "certs", "ca.crt"), "--json"], home, TimeSpan.FromMinutes(1));
        Assert.True(verify.ExitCode == 0, verify.ToString());
        using var report = JsonDocument.Parse(verify.Stdout);
        Assert.True(report.RootElement.GetProperty("isValid").GetBoolean(), verify.Stdout);
        Assert.Equal(1, report.RootElement.GetProperty("signatures").GetArrayLength());
    }

    /// <summary>Built deterministically; in CI (ContinuousIntegrationBuild) without the build machine's paths.</summary>
    private static void AssertDeterministic(ZipArchive package, string dll)
    {
        var entry = package.GetEntry(dll) ?? throw new Xunit.Sdk.XunitException($"{dll} is missing from the package");
        using var bytes = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(bytes);
        }

        bytes.Position = 0;
        using var pe = new PEReader(bytes);
        var debug = pe.ReadDebugDirectory();
        Assert.Contains(debug, d => d.Type == DebugDirectoryEntryType.Reproducible);
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            var codeView = pe.ReadCodeViewDebugDirectoryData(debug.First(d => d.Type == DebugDirectoryEntryType.CodeView));
            Assert.StartsWith("/_/", codeView.Path, StringComparison.Ordinal);
        }
    }

    private static XElement Nuspec(ZipArchive package, string id)
        => XDocument.Parse(Entry(package, id + ".nuspec")).Root!.Elements().Single(e => e.Name.LocalName == "metadata");

    private static string Value(XElement metadata, string name) => metadata.Element(metadata.Name.Namespace + name)?.Value ?? string.Empty;

    private static string Entry(ZipArchive package, string name)
    {
        var entry = package.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"{name} is missing from the package");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private static string RequireTool(string command, string package)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(Path.PathSeparator))
        {
            var path = Path.Combine(dir, command);
            if (File.Exists(path))
            {
                return path;
            }
        }

        Assert.Fail($"The test tool '{command}' is missing. Install it with: apt-get install -y {package} (see scripts/test-tools.sh).");
        return command;
    }
}
