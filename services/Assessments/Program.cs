using OffenderRisk.Assessments.Grpc;
using OffenderRisk.Assessments.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService("assessments");
builder.Services.AddSingleton<AssessmentStore>();

var app = builder.Build();
app.MapPlatformEndpoints();
app.MapGrpcService<AssessmentsGrpcService>();
app.Run();
