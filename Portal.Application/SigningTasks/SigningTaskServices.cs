using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Todos;

namespace Portal.Application.SigningTasks;

public static class SigningTaskServices
{
    public static IServiceCollection AddSigningTasks(this IServiceCollection services)
    {
        services.AddScoped<TaskAccess>();
        services.AddScoped<TaskNotifications>();
        services.AddScoped<SaveTaskDraft>();
        services.AddScoped<SendTask>();
        services.AddScoped<FinishTurn>();
        services.AddScoped<ContinueSigning>();
        services.AddScoped<RefuseTask>();
        services.AddScoped<RevokeTasks>();
        services.AddScoped<ExpireTasks>();
        services.AddScoped<RemindParticipants>();
        services.AddScoped<SendAutomaticReminders>();
        services.AddScoped<EditBusinessTypes>();
        services.AddScoped<ListTasks>();
        services.AddScoped<GetTask>();
        services.AddScoped<DownloadTaskDocuments>();
        services.AddScoped<ListTaskExceptions>();
        services.AddScoped<GetTaskDraft>();
        services.AddScoped<GetTaskSigning>();
        services.AddScoped<SearchTaskDirectory>();
        services.AddScoped<SubmitTaskUseRequest>();
        services.AddTodoSource<SigningTaskTodos>();
        return services;
    }
}
