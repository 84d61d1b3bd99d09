using OffenderRisk.Assessments.Grpc;
using OffenderRisk.Assessments.Storage;
using OffenderRisk.Platform.Feeds;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService("assessments");
builder.Services.AddSingleton<AssessmentStore>();
builder.Services.AddSingleton<AcuteFactorStore>();
builder.Services.AddSingleton<AssessmentFeed>();
// R-AU1 and transfers: the assessments of an erased nominal are erased, those of a transferred one move with it.
builder.Services.AddNominalHoldings<AssessmentStore>();
builder.Services.AddNominalHoldings<AcuteFactorStore>(); // R-AS9 records follow their nominal too
builder.AddNominalFeedConsumer("assessments");
// Every assessment names a nominal that exists and that the caller's force may see, asked of the nominals service.
builder.AddNominalLookup();

var app = builder.Build();
app.MapPlatformEndpoints();
app.MapGrpcService<AssessmentsGrpcService>();
app.Run();
