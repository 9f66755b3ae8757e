using System.Threading.Tasks;
using VerifyCS = MlAtScale.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<MlAtScale.Analyzers.Rules.RoleBoundaryAnalyzer>;

namespace MlAtScale.Catalog.Tests;

/// <summary>
/// The data-source families (DuckDB, ClickHouse, Kafka, Parquet, Arrow, CsvHelper, Blob storage, S3,
/// Cosmos DB, Elasticsearch, Redis as a data source) on their newest served versions.
/// </summary>
public sealed class DataSourceFamilyTests
{
    [Fact]
    public Task IngestionFromEverySourceHasNoDiagnostics() => RealCode.VerifyAsync("""
        using System;
        using System.Collections.Generic;
        using System.Globalization;
        using System.IO;
        using System.Linq;
        using System.Threading.Tasks;
        using Amazon.S3;
        using Amazon.S3.Model;
        using Apache.Arrow.Ipc;
        using Azure.Storage.Blobs;
        using ClickHouse.Driver.ADO;
        using Churn.Contracts;
        using Confluent.Kafka;
        using CsvHelper;
        using DuckDB.NET.Data;
        using Elastic.Clients.Elasticsearch;
        using Microsoft.Azure.Cosmos;
        using MlAtScale;
        using Parquet.Serialization;
        using StackExchange.Redis;

        namespace Churn.Ingestion
        {
            public sealed class RawTicket
            {
                public string Id { get; set; } = "";
                public string Text { get; set; } = "";
            }

            [DataEngineering]
            public sealed class LakeIngestion
            {
                public async Task<int> RunAsync(string lakeConnection, string crmConnection, string clickHouse, string elastic, string redis, string cleanFolder)
                {
                    var rows = new List<CustomerRow>();

                    // Raw CSV exports from the blob container and the S3 bucket.
                    var container = new BlobContainerClient(lakeConnection, "raw");
                    await foreach (var item in container.GetBlobsAsync())
                    {
                        using var download = new MemoryStream();
                        await container.GetBlobClient(item.Name).DownloadToAsync(download);
                        download.Position = 0;
                        using var csv = CsvReader.Create(new StreamReader(download), CsvReaderOptions.Default, false);
                        rows.AddRange(csv.GetRecords<CustomerRow>());
                    }

                    using var s3 = new AmazonS3Client();
                    var listing = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "raw-exports" });
                    foreach (var s3Object in listing.S3Objects ?? new List<S3Object>())
                    {
                        using var response = await s3.GetObjectAsync("raw-exports", s3Object.Key);
                        using var arrow = new ArrowStreamReader(response.ResponseStream);
                        var batch = await arrow.ReadNextRecordBatchAsync();
                        rows.AddRange(Enumerable.Range(0, batch?.Length ?? 0).Select(_ => new CustomerRow()));
                    }

                    // Databases and stores.
                    using var cosmos = new CosmosClient(crmConnection);
                    var iterator = cosmos.GetContainer("crm", "customers").GetItemQueryIterator<CustomerRow>("SELECT * FROM c");
                    while (iterator.HasMoreResults)
                    {
                        rows.AddRange(await iterator.ReadNextAsync());
                    }

                    using (var clickHouseConnection = new ClickHouseConnection(clickHouse))
                    {
                        await clickHouseConnection.OpenAsync();
                        using var command = clickHouseConnection.CreateCommand();
                        command.CommandText = "SELECT count() FROM events";
                        rows.Capacity += Convert.ToInt32(await command.ExecuteScalarAsync());
                    }

                    var search = new ElasticsearchClient(new Uri(elastic));
                    var tickets = await search.SearchAsync<RawTicket>(new SearchRequest("tickets") { Size = 100 });

                    var multiplexer = await ConnectionMultiplexer.ConnectAsync(redis);
                    var clicks = multiplexer.GetDatabase().StreamRead("clicks", "0-0", count: 1000);
                    var cachedKeys = multiplexer.GetServer(multiplexer.GetEndPoints()[0]).Keys(pattern: "customer:*").Count();

                    // Event streams in, clean data sets out.
                    using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = "kafka:9092", GroupId = "churn-etl" }).Build();
                    consumer.Subscribe("customer-events");
                    var change = consumer.Consume(TimeSpan.FromSeconds(1));

                    using var duck = new DuckDBConnection($"DataSource={Path.Combine(cleanFolder, "clean.duckdb")}");
                    duck.Open();
                    using (var appender = duck.CreateAppender("customers"))
                    {
                        foreach (var row in rows)
                        {
                            appender.CreateRow().AppendValue(row.Tenure).AppendValue(row.MonthlySpend).EndRow();
                        }
                    }

                    await ParquetSerializer.SerializeAsync(rows, Path.Combine(cleanFolder, "customers.parquet"));
                    using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = "kafka:9092" }).Build();
                    await producer.ProduceAsync("clean-customers", new Message<string, string> { Key = "batch", Value = rows.Count.ToString(CultureInfo.InvariantCulture) });

                    return rows.Count + tickets.Documents.Count + clicks.Length + cachedKeys + (change is null ? 0 : 1);
                }
            }
        }
        """);

    [Fact]
    public Task ServingWithACacheAndAModelArtifactStoreHasNoDiagnostics() => RealCode.VerifyAsync("""
        using System.IO;
        using System.Threading.Tasks;
        using Azure.Storage.Blobs;
        using Churn.Contracts;
        using Microsoft.ML;
        using MlAtScale;
        using StackExchange.Redis;

        namespace Churn.Serving
        {
            // The hand-off: where trained models are published and fetched.
            [RoleContract]
            public sealed class ModelArtifactStore
            {
                private readonly BlobContainerClient _models;

                public ModelArtifactStore(string connectionString) => _models = new BlobContainerClient(connectionString, "models");

                public async Task<Stream> OpenAsync(string version)
                {
                    var stream = new MemoryStream();
                    await _models.GetBlobClient($"churn/{version}.zip").DownloadToAsync(stream);
                    stream.Position = 0;
                    return stream;
                }
            }

            [Production]
            public sealed class CachedScorer
            {
                private readonly IDatabase _cache;
                private readonly PredictionEngine<CustomerRow, ChurnPrediction> _engine;

                public CachedScorer(IConnectionMultiplexer redis, ModelArtifactStore store, string version)
                {
                    _cache = redis.GetDatabase();
                    var ml = new MLContext();
                    using var model = store.OpenAsync(version).GetAwaiter().GetResult();
                    _engine = ml.Model.CreatePredictionEngine<CustomerRow, ChurnPrediction>(ml.Model.Load(model, out _));
                }

                public float Score(string customerId, CustomerRow row)
                {
                    var cached = _cache.StringGet($"score:{customerId}");
                    if (cached.HasValue)
                    {
                        return (float)(double)cached;
                    }

                    var probability = _engine.Predict(row).Probability;
                    _cache.StringSet($"score:{customerId}", probability);
                    return probability;
                }
            }
        }
        """);

    [Fact]
    public Task CrossRoleUsesOfDataSourcesAreReported() => RealCode.VerifyAsync("""
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Threading.Tasks;
        using Amazon.S3;
        using Churn.Contracts;
        using Confluent.Kafka;
        using CsvHelper;
        using DuckDB.NET.Data;
        using MlAtScale;
        using Parquet.Serialization;
        using StackExchange.Redis;

        namespace Churn.Mixed
        {
            // Feature engineering straight from the lake files and the warehouse (a static member is reported
            // at the member, not at its type).
            [DataScience]
            public sealed class FeatureLab
            {
                public async Task<int> CountAsync(string parquetPath, string csvPath, string duckPath)
                {
                    var customers = await ParquetSerializer.{|#0:DeserializeAsync<CustomerRow>|}(parquetPath);
                    using var csv = CsvReader.{|#1:Create|}(new StreamReader(csvPath), CsvReaderOptions.Default, false);
                    using var duck = new {|#2:DuckDBConnection|}($"DataSource={duckPath}");
                    return (customers is null ? 0 : 1) + csv.{|#3:GetRecords<CustomerRow>|}().Count() + (duck.{|#4:ConnectionString|}.Length > 0 ? 1 : 0);
                }
            }

            // A serving host that consumes raw events and scans Redis for customers.
            [Production]
            public sealed class LiveScorer
            {
                public int Poll({|#5:IConsumer<string, string>|} events, IServer redis, {|#6:IAmazonS3|} s3)
                {
                    var next = events.{|#7:Consume|}(100);
                    var keys = redis.{|#8:Keys|}(pattern: "customer:*").Count();
                    var download = s3.{|#9:GetObjectAsync|}("raw-exports", "latest.csv");
                    return keys + (next is null ? 0 : 1) + (download.IsCompleted ? 1 : 0);
                }
            }

            // A KPI report that reads the document store, the search index, the warehouse and the lake itself
            // (inherited members are reported by their declaring type: DbConnection.OpenAsync, Response<T>.Resource).
            [BusinessAnalysis]
            public sealed class RetentionReport
            {
                public async Task<long> ActiveCustomersAsync(Microsoft.Azure.Cosmos.{|#10:Container|} customers, Elastic.Clients.Elasticsearch.{|#11:ElasticsearchClient|} search,
                    ClickHouse.Driver.ADO.{|#12:ClickHouseConnection|} warehouse, Azure.Storage.Blobs.{|#13:BlobContainerClient|} lake, Stream arrowFile)
                {
                    var count = await customers.{|#14:GetItemQueryIterator<long>|}("SELECT VALUE COUNT(1) FROM c").{|#15:ReadNextAsync|}();
                    var found = await search.{|#16:CountAsync<CustomerRow>|}();
                    await warehouse.{|#17:OpenAsync|}();
                    var exists = await lake.{|#18:ExistsAsync|}();
                    using var reader = new Apache.Arrow.Ipc.{|#19:ArrowFileReader|}(arrowFile);
                    return count.{|#20:Resource|}.Sum() + found.{|#21:Count|} + (exists.Value ? 1 : 0);
                }
            }
        }
        """,
        VerifyCS.Diagnostic("MLR0001").WithLocation(0).WithArguments("FeatureLab.CountAsync", "DataScience", "ParquetSerializer.DeserializeAsync<T>", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(1).WithArguments("FeatureLab.CountAsync", "DataScience", "CsvReader.Create", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(2).WithArguments("FeatureLab.CountAsync", "DataScience", "DuckDBConnection", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(3).WithArguments("FeatureLab.CountAsync", "DataScience", "CsvReader.GetRecords<T>", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(4).WithArguments("FeatureLab.CountAsync", "DataScience", "DuckDBConnection.ConnectionString", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(5).WithArguments("LiveScorer.Poll", "Production", "IConsumer<TKey, TValue>", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(6).WithArguments("LiveScorer.Poll", "Production", "IAmazonS3", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(7).WithArguments("LiveScorer.Poll", "Production", "IConsumer<TKey, TValue>.Consume", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(8).WithArguments("LiveScorer.Poll", "Production", "IServer.Keys", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(9).WithArguments("LiveScorer.Poll", "Production", "IAmazonS3.GetObjectAsync", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(10).WithArguments("RetentionReport.ActiveCustomersAsync", "BusinessAnalysis", "Container", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(11).WithArguments("RetentionReport.ActiveCustomersAsync", "BusinessAnalysis", "ElasticsearchClient", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(12).WithArguments("RetentionReport.ActiveCustomersAsync", "BusinessAnalysis", "ClickHouseConnection", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(13).WithArguments("RetentionReport.ActiveCustomersAsync", "BusinessAnalysis", "BlobContainerClient", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(14).WithArguments("RetentionReport.ActiveCustomersAsync", "BusinessAnalysis", "Container.GetItemQueryIterator<T>", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(15).WithArguments("RetentionReport.ActiveCustomersAsync", "BusinessAnalysis", "FeedIterator<T>.ReadNextAsync", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(16).WithArguments("RetentionReport.ActiveCustomersAsync", "BusinessAnalysis", "ElasticsearchClient.CountAsync<TDocument>", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(17).WithArguments("RetentionReport.ActiveCustomersAsync", "BusinessAnalysis", "DbConnection.OpenAsync", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(18).WithArguments("RetentionReport.ActiveCustomersAsync", "BusinessAnalysis", "BlobContainerClient.ExistsAsync", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(19).WithArguments("RetentionReport.ActiveCustomersAsync", "BusinessAnalysis", "ArrowFileReader", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(20).WithArguments("RetentionReport.ActiveCustomersAsync", "BusinessAnalysis", "Response<T>.Resource", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(21).WithArguments("RetentionReport.ActiveCustomersAsync", "BusinessAnalysis", "CountResponse.Count", "DataEngineering"));
}
