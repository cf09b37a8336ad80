using Microsoft.Extensions.Options;

namespace OpenVpp.Gateway;

/// <summary>Checks <see cref="GatewayOptions"/> at start and names every bad value with what to do about it.</summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDir))
        {
            errors.Add("DataDir is empty: give the gateway a data directory for its keystore and outbox (--data-dir).");
        }

        if (!Uri.TryCreate(options.NodeUrl, UriKind.Absolute, out var node) || (node.Scheme != Uri.UriSchemeHttp && node.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"NodeUrl '{options.NodeUrl}' is not an http(s) URL such as http://127.0.0.1:8640.");
        }

        if (string.IsNullOrWhiteSpace(options.Owner))
        {
            errors.Add("Owner is empty: devices must be registered to an owner.");
        }

        if (options.DeviceCount < 0)
        {
            errors.Add($"DeviceCount is {options.DeviceCount}: it must be 0 or more.");
        }

        if (options.Interval < TimeSpan.FromSeconds(1) || TimeSpan.FromDays(1).Ticks % options.Interval.Ticks != 0)
        {
            errors.Add($"Interval {options.Interval} must be at least 1 s and divide a day evenly (for example 00:15:00).");
        }

        if (options.UploadBatchSize is < 1 or > 10_000)
        {
            errors.Add($"UploadBatchSize is {options.UploadBatchSize}: it must be between 1 and 10000.");
        }

        if (options.MaxBackoff < TimeSpan.FromMilliseconds(500))
        {
            errors.Add($"MaxBackoff {options.MaxBackoff} is shorter than the first retry delay (0.5 s).");
        }

        if (options.AckedRetention < TimeSpan.Zero)
        {
            errors.Add($"AckedRetention {options.AckedRetention} is negative.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add($"RequestTimeout {options.RequestTimeout} must be positive.");
        }

        if (options.Regions.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("Regions contains an empty name.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
