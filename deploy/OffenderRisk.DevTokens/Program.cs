using System.CommandLine.Invocation;
using Microsoft.Extensions.Configuration;
using OffenderRisk.DevTokens;

// Configuration: appsettings.json beside the binary, then environment variables (Auth__SigningKey,
// Auth__Issuer, Auth__Audience); the command-line options override both.
var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json", optional: true)
    .AddEnvironmentVariables()
    .Build();

var parsed = DevTokenCommand.Create(configuration, TimeProvider.System).Parse(args);
if (parsed.Action is ParseErrorAction onError)
{
    // Errors go to stderr only: help on stdout would end up in TOKEN=$(...).
    onError.ShowHelp = false;
}
return parsed.Invoke();
