using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.DevTokens;

/// <summary>
/// The <c>OffenderRisk.DevTokens</c> command: mints a token with the claims the services check
/// (sub, force, role) through the shared <see cref="TokenIssuer"/>, and writes only the token to
/// stdout so that <c>TOKEN=$(dotnet run --project deploy/OffenderRisk.DevTokens -- ...)</c> works.
/// </summary>
public static partial class DevTokenCommand
{
    public static RootCommand Create(IConfiguration configuration, TimeProvider clock)
    {
        var user = new Option<string>("--user", "-u")
        {
            Description = "The user id for the 'sub' claim: a warrant or staff number such as PC-1001, never a personal name. "
                + "1-64 of A-Z a-z 0-9 . _ -, starting with a letter or digit.",
            HelpName = "id",
            Required = true,
        };
        user.Validators.Add(r => Check(r, r.GetValueOrDefault<string>(), UserIdFormat(), "is not a user id: use e.g. PC-1001."));

        var force = new Option<string>("--force", "-f")
        {
            Description = "The force code for the 'force' claim: 2-8 uppercase letters or digits, e.g. XA.",
            HelpName = "code",
            Required = true,
        };
        force.Validators.Add(r => Check(r, r.GetValueOrDefault<string>(), ForceCodeFormat(), "is not a force code: use 2-8 uppercase letters or digits, e.g. XA."));

        var roles = new Option<string[]>("--role", "-r")
        {
            Description = "A role for a 'role' claim; repeat the option for more than one role.",
            HelpName = "role",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        roles.AcceptOnlyFromAmong([.. Roles.All]);

        var lifetime = new Option<TimeSpan>("--lifetime", "-l")
        {
            Description = $"How long the token is valid: e.g. 30m, 8h, 2d or 01:30:00; at most {Lifetime.Maximum.TotalDays:0} days.",
            HelpName = "duration",
            DefaultValueFactory = _ => Lifetime.Default,
            CustomParser = r =>
            {
                if (Lifetime.TryParse(r.Tokens.Single().Value, out var value, out var error))
                {
                    return value;
                }
                r.AddError(error!);
                return default;
            },
        };

        var signingKey = new Option<string>("--signing-key")
        {
            Description = "HMAC-SHA256 key (at least 32 bytes of UTF-8). Overrides Auth:SigningKey; prefer the Auth__SigningKey "
                + "environment variable, since arguments show in the process list. Default: the development key, which only "
                + "services in the Development environment accept.",
            HelpName = "key",
        };
        var issuer = new Option<string>("--issuer")
        {
            Description = "The 'iss' claim. Overrides Auth:Issuer (default offenderrisk-dev).",
            HelpName = "issuer",
        };
        var audience = new Option<string>("--audience")
        {
            Description = "The 'aud' claim. Overrides Auth:Audience (default offenderrisk).",
            HelpName = "audience",
        };

        var command = new RootCommand("Mints a signed OffenderRisk token for local development and tests, and prints only the token on stdout.")
        {
            user, force, roles, lifetime, signingKey, issuer, audience,
        };

        foreach (var help in command.Options.OfType<HelpOption>())
        {
            help.Action = new HelpWithNotes((HelpAction)help.Action!);
        }

        command.SetAction(parsed =>
        {
            var (options, weak) = SigningOptions(configuration, parsed.GetValue(signingKey), parsed.GetValue(issuer), parsed.GetValue(audience));
            if (weak is not null)
            {
                parsed.InvocationConfiguration.Error.WriteLine(weak);
                return 1;
            }
            if (parsed.GetRequiredValue(roles).Contains(Roles.Service) && parsed.GetRequiredValue(roles).Distinct().Count() > 1)
            {
                parsed.InvocationConfiguration.Error.WriteLine("A service token carries the service role and no other (it is for the services' own audience).");
                return 1;
            }

            var token = new TokenIssuer(options, clock).Issue(
                parsed.GetRequiredValue(user),
                parsed.GetRequiredValue(force),
                parsed.GetRequiredValue(roles).Distinct(StringComparer.Ordinal),
                parsed.GetValue(lifetime));
            parsed.InvocationConfiguration.Output.WriteLine(token);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The signing settings a dev token is minted with: Auth:SigningKey, Auth:Issuer and Auth:Audience
    /// from <paramref name="configuration"/>, overridden by the given values, and the development key
    /// when none is set. Also used by deploy/OffenderRisk.DemoData, which mints its users' tokens the same way.
    /// </summary>
    /// <returns>The options, and why the key is unusable (null when it is fine).</returns>
    public static (AuthOptions Options, string? KeyProblem) SigningOptions(IConfiguration configuration, string? signingKey = null, string? issuer = null, string? audience = null)
    {
        var options = configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        options.SigningKey = signingKey ?? options.SigningKey;
        options.Issuer = issuer ?? options.Issuer;
        options.Audience = audience ?? options.Audience;
        if (string.IsNullOrEmpty(options.SigningKey))
        {
            // The same fallback the services make in Development (ServiceDefaults AddOffenderRiskAuthentication).
            options.SigningKey = AuthOptions.DevelopmentSigningKey;
        }
        return (options, AuthOptions.KeyProblem(options.SigningKey));
    }

    private static void Check(OptionResult result, string? value, Regex format, string problem)
    {
        if (value is not null && !format.IsMatch(value))
        {
            result.AddError($"'{value}' {problem}");
        }
    }

    [GeneratedRegex("^[A-Z0-9]{2,8}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ForceCodeFormat();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex UserIdFormat();

    /// <summary>The standard help, then what the options alone cannot say: configuration, roles, examples.</summary>
    private sealed class HelpWithNotes(HelpAction standard) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var exit = standard.Invoke(parseResult);
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine($"""
                Roles:
                  {string.Join(", ", Roles.All)}

                Configuration (later wins):
                  appsettings.json beside the binary   Auth:SigningKey (empty = the development key), Auth:Issuer, Auth:Audience
                  environment variables                Auth__SigningKey, Auth__Issuer, Auth__Audience
                  options                              --signing-key, --issuer, --audience
                  Services accept the development key only when ASPNETCORE_ENVIRONMENT=Development, and
                  people's tokens signed with any symmetric key only in Development and Testing.
                  --role service alone mints a service token (issuer and audience offenderrisk-services).

                Output:
                  stdout carries only the token; errors go to stderr with exit code 1.

                Examples:
                  TOKEN=$(dotnet run --project deploy/OffenderRisk.DevTokens -- --user PC-1001 --force XA --role mosovo-officer)
                  dotnet run --project deploy/OffenderRisk.DevTokens -- -u SGT-2002 -f XA -r mosovo-officer -r supervisor --lifetime 30m
                """);
            return exit;
        }
    }
}
