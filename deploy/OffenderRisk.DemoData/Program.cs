using Microsoft.Extensions.Configuration;
using OffenderRisk.DemoData;

// Configuration as OffenderRisk.DevTokens: environment variables (Auth__SigningKey, Auth__Issuer,
// Auth__Audience); --signing-key overrides.
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
return await DemoDataCommand.Create(configuration).Parse(args).InvokeAsync();
