using OffenderRisk.Assessments.Grpc;
using OffenderRisk.Assessments.Storage;
using OffenderRisk.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("assessments");
builder.Services.AddSingleton<AssessmentStore>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<AssessmentsGrpcService>();
app.Run();
