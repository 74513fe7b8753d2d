using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using EDoc.HubEmulator;
using EDoc.Interchange.Hub;
using EDoc.Interchange.Inbox;
using EDoc.Interchange.Integration;
using Microsoft.Extensions.DependencyInjection;

namespace EDoc.Cli.Commands;

/// <summary>
/// <c>edoc hub serve</c> (the hub emulator), <c>edoc send</c> and <c>edoc receive</c> (the national hub's VXP protocol
/// with HMAC-signed headers).
/// </summary>
internal static class HubCommands
{
    private const long MaxPackageBytes = 64L * 1024 * 1024;

    public static Command CreateHub(CliContext context)
    {
        var hub = new Command("hub", "Document-exchange hub tools (trục liên thông văn bản).");
        hub.Subcommands.Add(CreateServe(context));
        return hub;
    }

    public static Command CreateSend(CliContext context)
    {
        var file = new Argument<FileInfo>("package") { Description = "The .edxml package to send." };
        var (hubOption, systemId, secret) = AccountOptions();
        var to = new Option<string[]>("--to") { Description = "Receiver agency codes; by default the hub reads them from the package.", AllowMultipleArgumentsPerToken = true };
        var kind = new Option<string>("--kind") { Description = "edoc (a document, the default) or status (a status package).", DefaultValueFactory = _ => "edoc" };
        var json = new Option<bool>("--json") { Description = "Print one JSON document." };
        var command = new Command("send", "Validates an edXML package (structure, required elements, article 11 formats, XML signature when present) and sends it through a VXP hub (sendEdoc); prints the hub's message id. An invalid package is not sent (exit 1, problems on stderr). A repeated send of the same file carries the same idempotency key.");
        command.Arguments.Add(file);
        foreach (var option in new Option[] { hubOption, systemId, secret, to, kind, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var input = parseResult.GetValue(file)!;
            var hubUri = ParseHub(parseResult.GetValue(hubOption)!);
            var messageKind = parseResult.GetValue(kind) switch
            {
                "edoc" => HubMessageKind.Edoc,
                "status" => HubMessageKind.Status,
                var other => throw new CliUsageException($"--kind must be edoc or status, not '{other}'."),
            };
            if (!input.Exists)
            {
                return context.Fail(input.FullName, "the file does not exist.");
            }

            if (input.Length > MaxPackageBytes)
            {
                return context.Fail(input.FullName, $"the package has {input.Length} bytes; at most {MaxPackageBytes} are sent.");
            }

            byte[] package = await File.ReadAllBytesAsync(input.FullName, cancellationToken);
            if (package.Length == 0)
            {
                return context.Fail(input.FullName, "the package is empty.");
            }

            PackageInspection inspection;
            try
            {
                inspection = await new EdXmlPackageInspector().InspectAsync(package, messageKind, cancellationToken);
            }
            catch (EDocFormatException ex)
            {
                return context.Fail(input.FullName, "not a readable edXML package: " + ex.Message);
            }

            if (!inspection.Validation.IsValid)
            {
                var errors = inspection.Validation.Errors.ToList();
                if (parseResult.GetValue(json))
                {
                    context.WriteJson(new { file = input.FullName, sent = false, problems = errors.Select(p => new { path = p.Path, code = p.Code, message = p.Message }) });
                }

                foreach (var problem in errors)
                {
                    context.Error.WriteLine($"edoc: {input.FullName}: {problem.Path}: {problem.Message} [{problem.Code}]");
                }

                context.Error.WriteLine($"edoc: {input.FullName}: invalid package ({errors.Count} problem(s)); not sent.");
                return CliApp.ExitFailed;
            }

            await using var provider = BuildTransport(hubUri, parseResult.GetValue(systemId)!, parseResult.GetValue(secret)!);
            var transport = provider.GetRequiredService<IHubTransport>();
            var message = new HubOutgoingMessage
            {
                Content = package,
                Kind = messageKind,
                From = parseResult.GetValue(systemId)!,
                To = parseResult.GetValue(to) ?? [],
                IdempotencyKey = Convert.ToHexStringLower(SHA256.HashData(package)),
            };
            HubSendResult result;
            try
            {
                result = await SendWithRetriesAsync(transport, message, cancellationToken);
            }
            catch (HubRequestFailedException ex)
            {
                return context.Fail(input.FullName, ex.Message);
            }

            if (parseResult.GetValue(json))
            {
                context.WriteJson(new { file = input.FullName, hubMessageId = result.HubMessageId, bytes = package.Length });
            }
            else
            {
                context.Out.WriteLine(result.HubMessageId);
            }

            return CliApp.ExitOk;
        });
        return command;
    }

    public static Command CreateReceive(CliContext context)
    {
        var (hubOption, systemId, secret) = AccountOptions();
        var output = new Option<DirectoryInfo>("--out") { Description = "The directory the packages are written to ({hub id}.edxml; refused ones under refused/); created if missing.", Required = true };
        var noAck = new Option<bool>("--no-ack") { Description = "Do not acknowledge the messages nor answer with a status package; they stay listed at the hub." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document." };
        var command = new Command(
            "receive",
            "Downloads every document and status package waiting at a VXP hub; parses, validates and checks the signature of each; writes it atomically; acknowledges it (done, or fail with the reason) and answers each document with status 01 (đã đến) or 02 (từ chối tiếp nhận, with the reason). Exit 1 when a message could not be handled and was left at the hub.");
        foreach (var option in new Option[] { hubOption, systemId, secret, output, noAck, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var hubUri = ParseHub(parseResult.GetValue(hubOption)!);
            var directory = parseResult.GetValue(output)!;
            string self = parseResult.GetValue(systemId)!;
            bool acknowledge = !parseResult.GetValue(noAck);
            Directory.CreateDirectory(directory.FullName);
            await using var provider = BuildTransport(hubUri, self, parseResult.GetValue(secret)!);
            var transport = provider.GetRequiredService<IHubTransport>();
            var inspector = new EdXmlPackageInspector();
            var statusFactory = new EdXmlStatusPackageFactory();
            var received = new List<object>();
            int failures = 0, accepted = 0, refused = 0;
            foreach (var kind in new[] { HubMessageKind.Edoc, HubMessageKind.Status })
            {
                IReadOnlyList<HubReceivedMessage> messages;
                try
                {
                    messages = await transport.ListReceivedAsync(kind, cancellationToken);
                }
                catch (HubRequestFailedException ex)
                {
                    return context.Fail(null, ex.Message);
                }

                foreach (var message in messages)
                {
                    try
                    {
                        byte[] package = await transport.GetPackageAsync(message.HubMessageId, cancellationToken);
                        PackageInspection? inspection = null;
                        string? reason = null;
                        try
                        {
                            inspection = await inspector.InspectAsync(package, kind, cancellationToken);
                            if (!inspection.Validation.IsValid)
                            {
                                reason = "invalid package: " + string.Join("; ", inspection.Validation.Errors.Take(5).Select(p => $"{p.Path} [{p.Code}] {p.Message}"));
                            }
                        }
                        catch (EDocFormatException ex)
                        {
                            reason = "unreadable package: " + ex.Message;
                        }

                        string folder = reason is null ? directory.FullName : Directory.CreateDirectory(Path.Combine(directory.FullName, "refused")).FullName;
                        string path = Path.Combine(folder, SafeFileName(message.HubMessageId) + (kind == HubMessageKind.Status ? ".status.edxml" : ".edxml"));
                        await WriteAtomicallyAsync(path, package, cancellationToken);
                        string? answered = null;
                        if (acknowledge)
                        {
                            var metadata = inspection?.Metadata;
                            if (kind == HubMessageKind.Edoc && metadata is { From.Length: > 0, DocumentId.Length: > 0 })
                            {
                                answered = reason is null ? "01" : "02";
                                string description = reason is null ? "Đã đến" : "Từ chối tiếp nhận: " + reason;
                                byte[] status = await statusFactory.CreateAsync(new StatusPackageRequest(metadata, package, answered, description, self, DateTimeOffset.UtcNow), cancellationToken);
                                await SendWithRetriesAsync(
                                    transport,
                                    new HubOutgoingMessage { Content = status, Kind = HubMessageKind.Status, From = self, To = [metadata.From], IdempotencyKey = Convert.ToHexStringLower(SHA256.HashData(status)) },
                                    cancellationToken);
                            }

                            await transport.UpdateStatusAsync(message.HubMessageId, reason is null ? HubDeliveryStatus.Done : HubDeliveryStatus.Fail, reason, cancellationToken);
                        }

                        if (reason is null)
                        {
                            accepted++;
                        }
                        else
                        {
                            refused++;
                            context.Error.WriteLine($"edoc: message {message.HubMessageId}: refused: {reason}");
                        }

                        received.Add(new
                        {
                            hubMessageId = message.HubMessageId,
                            kind = kind == HubMessageKind.Status ? "status" : "edoc",
                            from = inspection?.Metadata.From ?? message.From,
                            documentId = inspection?.Metadata.DocumentId,
                            statusCode = inspection?.Metadata.StatusCode,
                            valid = reason is null,
                            reason,
                            answeredWith = answered,
                            file = path,
                            bytes = package.Length,
                        });
                        if (!parseResult.GetValue(json))
                        {
                            context.Out.WriteLine(reason is null ? path : path + " (refused)");
                        }
                    }
                    catch (HubRequestFailedException ex)
                    {
                        failures++;
                        context.Error.WriteLine($"edoc: message {message.HubMessageId}: {ex.Message} (left at the hub)");
                    }
                }
            }

            if (parseResult.GetValue(json))
            {
                context.WriteJson(new { directory = directory.FullName, received, accepted, refused, failures });
            }
            else
            {
                context.Out.WriteLine($"{accepted} accepted, {refused} refused, {failures} left at the hub.");
            }

            return failures == 0 ? CliApp.ExitOk : CliApp.ExitFailed;
        });
        return command;
    }

    private static Command CreateServe(CliContext context)
    {
        var urls = new Option<string>("--urls") { Description = "The address to listen on, e.g. http://127.0.0.1:8080 (port 0 picks a free port).", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var data = new Option<DirectoryInfo>("--data") { Description = "The directory of the emulator's database (hub.db).", Required = true };
        var accounts = new Option<FileInfo?>("--accounts")
        {
            Description = "A JSON file { \"accounts\": [ { \"systemId\", \"secret\", \"name\", \"codeQd20\" } ] }. Without it, two demo accounts: 000.00.00.H41 (secret demo-secret-h41) and 000.00.00.G22 (secret demo-secret-g22).",
        };
        var faultRate = new Option<double>("--fault-rate") { Description = "The probability (0–1) of an injected fault per request: 5xx, 429 with Retry-After, timeout, connection reset, lost acknowledgement, truncated answer or duplicate delivery." };
        var seed = new Option<int?>("--seed") { Description = "The seed of the fault generator, for reproducible runs." };
        var command = new Command("serve", "Runs the hub emulator: the national hub's VXP endpoints with the HMAC check, accounts, persistent storage and fault injection. Stops on Ctrl+C.");
        foreach (var option in new Option[] { urls, data, accounts, faultRate, seed })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            double rate = parseResult.GetValue(faultRate);
            if (rate is < 0 or > 1)
            {
                throw new CliUsageException($"--fault-rate {rate.ToString(CultureInfo.InvariantCulture)} must be between 0 and 1.");
            }

            string address = parseResult.GetValue(urls)!;
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new CliUsageException($"--urls '{address}' is not an http or https address.");
            }

            var options = new HubEmulatorOptions { Urls = address, DataDirectory = parseResult.GetValue(data)!.FullName, FaultRate = rate, Seed = parseResult.GetValue(seed) };
            var accountsFile = parseResult.GetValue(accounts);
            IReadOnlyList<HubEmulatorAccount> list;
            try
            {
                list = accountsFile is null ? HubEmulatorDefaults.DemoAccounts() : HubEmulatorOptions.LoadAccounts(accountsFile.FullName);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                return context.Fail(accountsFile?.FullName, ex.Message);
            }

            foreach (var account in list)
            {
                options.Accounts.Add(account);
            }

            await using var emulator = await HubEmulator.HubEmulator.StartAsync(options, cancellationToken);
            context.Out.WriteLine($"Hub emulator listening on {emulator.BaseAddress} with {list.Count} account(s): {string.Join(", ", list.Select(a => a.SystemId))}; fault rate {rate.ToString(CultureInfo.InvariantCulture)}.");
            context.Out.Flush();
            try
            {
                // Ends on Ctrl+C or SIGTERM (the host's console lifetime stops the app) or when the command is cancelled.
                await emulator.WaitForShutdownAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            return CliApp.ExitOk;
        });
        return command;
    }

    private static (Option<string> Hub, Option<string> SystemId, Option<string> Secret) AccountOptions()
        => (
            new Option<string>("--hub") { Description = "The hub's base address, e.g. http://127.0.0.1:8080/.", Required = true },
            new Option<string>("--system-id") { Description = "The account's system id (the agency's code).", Required = true },
            new Option<string>("--secret") { Description = "The account's HMAC secret (never printed).", Required = true });

    private static Uri ParseHub(string address)
        => Uri.TryCreate(address, UriKind.Absolute, out var hub) && hub.Scheme is "http" or "https"
            ? hub
            : throw new CliUsageException($"--hub '{address}' is not an http or https address.");

    private static ServiceProvider BuildTransport(Uri hub, string systemId, string secret)
    {
        var services = new ServiceCollection();
        services.AddEDocInterchange(o => o.RequireMalwareScanner = false).AddVxpHub(o =>
        {
            o.Endpoint = hub;
            o.SystemId = systemId;
            o.Secret = secret;
            o.AttemptTimeout = TimeSpan.FromSeconds(30);
            o.TotalTimeout = TimeSpan.FromMinutes(2);
        });
        return services.BuildServiceProvider();
    }

    private static async Task<HubSendResult> SendWithRetriesAsync(IHubTransport transport, HubOutgoingMessage message, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await transport.SendAsync(message, cancellationToken);
            }
            catch (HubRequestFailedException ex) when (ex.IsTransient && attempt < 4)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), cancellationToken);
            }
        }
    }

    private static string SafeFileName(string id)
    {
        var chars = id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        string name = new string(chars).Trim('.');
        return name.Length is 0 or > 120 ? Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id))) : name;
    }

    private static async Task WriteAtomicallyAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        string temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
