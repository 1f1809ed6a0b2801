using System.Security.Cryptography;
using GAssistant.Hub.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Auth;

/// <summary>Creates the first admin when no user exists (CONTRACT.md <c>Auth:AdminEmail</c>, <c>Auth:AdminPassword</c>).</summary>
internal static partial class AdminSeeder
{
    public static void SeedAdmin(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        if (db.Users.AsNoTracking().Any())
        {
            return;
        }

        var options = scope.ServiceProvider.GetRequiredService<IOptions<AuthOptions>>().Value;
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var generated = string.IsNullOrEmpty(options.AdminPassword);
        var password = generated ? GeneratePassword() : options.AdminPassword!;
        var user = new HubUser { Email = options.AdminEmail.Trim().ToLowerInvariant(), CreatedAt = clock.GetUtcNow().UtcDateTime };
        user.PasswordHash = new PasswordHasher<HubUser>().HashPassword(user, password);
        db.Users.Add(user);
        db.SaveChanges();

        if (generated)
        {
            // Printed once, on the console only, so the person starting the hub can sign in.
            Console.WriteLine($"""

                ==> G-Assistant Hub: first admin created.
                    Email:    {user.Email}
                    Password: {password}
                    Keep it now; it will not be shown again. Set Auth:AdminPassword to choose your own.

                """);
        }

        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("GAssistant.Hub.Auth");
        var masked = Operations.Redact.Email(user.Email);
        Log.AdminCreated(logger, masked, generated);
    }

    private static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y');

    private static partial class Log
    {
        [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Created the first admin {Email} (password generated: {Generated})")]
        public static partial void AdminCreated(ILogger logger, string email, bool generated);
    }
}
