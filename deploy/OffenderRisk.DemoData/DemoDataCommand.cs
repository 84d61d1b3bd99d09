using System.CommandLine;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using OffenderRisk.Client;
using OffenderRisk.DevTokens;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.DemoData;

/// <summary>
/// The <c>OffenderRisk.DemoData</c> command: fills a running suite, through its gateway, with
/// synthetic nominals across three forces (officers, MAPPA levels, intelligence, ARMS drafts,
/// passport marker requests), and prints a summary.
/// </summary>
public static partial class DemoDataCommand
{
    public static RootCommand Create(IConfiguration configuration)
    {
        var gateway = new Option<Uri>("--gateway", "-g")
        {
            Description = "The gateway's address. Tokens go over cleartext HTTP/2 only to loopback.",
            HelpName = "address",
            DefaultValueFactory = _ => new Uri("http://127.0.0.1:5100"),
            CustomParser = r =>
            {
                if (Uri.TryCreate(r.Tokens.Single().Value, UriKind.Absolute, out var address) && address.Scheme is "http" or "https")
                {
                    return address;
                }
                r.AddError("--gateway must be an http or https address, e.g. http://127.0.0.1:5100.");
                return null;
            },
        };
        var count = new Option<int>("--count", "-n")
        {
            Description = $"How many nominals, spread over the forces: 1-{DemoPlan.MaxCount}.",
            HelpName = "nominals",
            DefaultValueFactory = _ => 300,
        };
        count.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > DemoPlan.MaxCount)
            {
                r.AddError($"--count must be 1-{DemoPlan.MaxCount}.");
            }
        });
        var seed = new Option<string>("--seed", "-s")
        {
            Description = "Decides every name, date and request id: a re-run with the same seed makes nothing new. 1-40 of A-Z a-z 0-9 . _ -.",
            HelpName = "seed",
            DefaultValueFactory = _ => "demo-1",
        };
        seed.Validators.Add(r =>
        {
            if (!SeedFormat().IsMatch(r.GetValueOrDefault<string>() ?? ""))
            {
                r.AddError("--seed must be 1-40 of A-Z a-z 0-9 . _ -.");
            }
        });
        var forces = new Option<string[]>("--force", "-f")
        {
            Description = "The three force codes (repeat the option): 2-8 uppercase letters or digits.",
            HelpName = "code",
            DefaultValueFactory = _ => ["DEMOA", "DEMOB", "DEMOC"],
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = true,
        };
        forces.Validators.Add(r =>
        {
            var codes = r.GetValueOrDefault<string[]>() ?? [];
            if (codes.Length != 3 || codes.Distinct(StringComparer.Ordinal).Count() != 3 || !codes.All(c => ForceCodeFormat().IsMatch(c)))
            {
                r.AddError("--force takes three different force codes of 2-8 uppercase letters or digits.");
            }
        });
        var concurrency = new Option<int>("--concurrency", "-c")
        {
            Description = "Nominals seeded at once: 1-32.",
            HelpName = "n",
            DefaultValueFactory = _ => 8,
        };
        concurrency.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 32)
            {
                r.AddError("--concurrency must be 1-32.");
            }
        });
        var signingKey = new Option<string>("--signing-key")
        {
            Description = "As OffenderRisk.DevTokens: overrides Auth:SigningKey (prefer the Auth__SigningKey environment variable); "
                + "default the development key, which only services in the Development environment accept.",
            HelpName = "key",
        };

        var command = new RootCommand("Fills a running OffenderRisk suite with synthetic, fictional nominals across three forces, through the gateway, and prints a summary.")
        {
            gateway, count, seed, forces, concurrency, signingKey,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var (auth, weak) = DevTokenCommand.SigningOptions(configuration, parsed.GetValue(signingKey));
            if (weak is not null)
            {
                await parsed.InvocationConfiguration.Error.WriteLineAsync(weak);
                return 1;
            }
            var plan = new DemoPlan(parsed.GetRequiredValue(seed), parsed.GetValue(count), parsed.GetRequiredValue(forces));
            using var suite = OffenderRiskClient.Create(new OffenderRiskClientOptions { Address = parsed.GetRequiredValue(gateway) });
            var summary = await new DemoSeeder(suite, Identities(auth), await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "arms-assessment.json"), cancellationToken))
                .RunAsync(plan, parsed.GetValue(concurrency), cancellationToken);
            summary.Write(parsed.InvocationConfiguration.Output);
            return summary.Failures.IsEmpty ? 0 : 1;
        });
        return command;
    }

    /// <summary>Each user's token, minted by the shared <see cref="TokenIssuer"/> as OffenderRisk.DevTokens mints it, cached by the client's token source until near expiry.</summary>
    public static DemoIdentities Identities(AuthOptions auth)
    {
        var issuer = new TokenIssuer(auth, TimeProvider.System);
        var lifetime = TimeSpan.FromHours(1);
        var credentials = new System.Collections.Concurrent.ConcurrentDictionary<string, Grpc.Core.CallCredentials>();
        return (force, user, roles) => credentials.GetOrAdd($"{force}|{user}|{string.Join(',', roles)}", _ =>
            OffenderRiskCredentials.FromTokenSource(TokenSource.Cached(_ =>
                Task.FromResult(new AccessToken(issuer.Issue(user, force, roles, lifetime), DateTimeOffset.UtcNow + lifetime)))));
    }

    [GeneratedRegex("^[A-Z0-9]{2,8}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ForceCodeFormat();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,40}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SeedFormat();
}
